package dev.polydl.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class OptimizerTest {

    /** The fused kernels' form (bias corrections folded into the step size, ε̂ on √v) equals the canonical update. */
    @Test
    void epsilonOnTheUncorrectedRootGivesTheCanonicalUpdate() {
        Optimizer.Adam adam = new Optimizer.Adam(1e-3, 0.9, 0.999, 1e-4);
        double m = 0.03;
        double v = 2e-6;
        for (int t = 1; t <= 50; t += 7) {
            double c1 = 1 - Math.pow(adam.beta1(), t);
            double c2 = 1 - Math.pow(adam.beta2(), t);
            double canonical = adam.learningRate() * (m / c1) / (Math.sqrt(v / c2) + adam.epsilon());
            double fused = adam.learningRate() * Math.sqrt(c2) / c1 * m / (Math.sqrt(v) + adam.epsilonOnUncorrectedRoot(t));
            assertEquals(canonical, fused, 1e-15 * Math.abs(canonical), "step " + t);
        }
        assertThrows(IllegalArgumentException.class, () -> adam.epsilonOnUncorrectedRoot(0));
    }
}
