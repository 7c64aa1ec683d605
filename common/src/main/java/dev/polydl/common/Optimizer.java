package dev.polydl.common;

/**
 * An optimizer, as data: every framework turns it into its own optimizer object and must reproduce
 * exactly the update written here. Gradients are those of the mean loss over the batch (see
 * {@link Loss}); no weight decay, no momentum, no gradient clipping.
 */
public sealed interface Optimizer {

    /** Plain stochastic gradient descent: {@code θ ← θ − lr·g}. */
    record Sgd(double learningRate) implements Optimizer {
        public Sgd {
            requirePositive(learningRate, "learning rate");
        }
    }

    /**
     * Adam (Kingma and Ba, Algorithm 1), with epsilon added to the square root of the
     * <em>bias-corrected</em> second moment, as PyTorch does. For step t = 1, 2, …:
     *
     * <pre>
     * m ← β1·m + (1 − β1)·g
     * v ← β2·v + (1 − β2)·g²
     * m̂ = m / (1 − β1^t)
     * v̂ = v / (1 − β2^t)
     * θ ← θ − lr · m̂ / (√v̂ + ε)
     * </pre>
     *
     * <p>TensorFlow and Keras instead add an ε̂ to the <em>uncorrected</em> √v and fold the bias
     * correction into the step size; that equals the form above with ε = ε̂ / √(1 − β2^t), which
     * changes every step. A framework that places epsilon that way must convert it per step (or
     * implement the update itself) to stay equal to this definition.
     */
    record Adam(double learningRate, double beta1, double beta2, double epsilon) implements Optimizer {
        public Adam {
            requirePositive(learningRate, "learning rate");
            if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) {
                throw new IllegalArgumentException("Adam betas must lie in [0, 1), got " + beta1 + ", " + beta2);
            }
            requirePositive(epsilon, "epsilon");
        }

        /**
         * The ε̂ to hand a kernel that adds epsilon to the uncorrected √v (TensorFlow's, DJL's and ND4J's
         * fused Adam) at step t = 1, 2, …, so that its update equals this definition: ε̂ = ε·√(1 − β2^t).
         */
        public double epsilonOnUncorrectedRoot(long step) {
            if (step < 1) {
                throw new IllegalArgumentException("Adam steps count from 1, got " + step);
            }
            return epsilon * Math.sqrt(1 - Math.pow(beta2, step));
        }

        /** The defaults of the canonical MNIST runs: lr 1e-3, β1 0.9, β2 0.999, ε 1e-8. */
        public static Adam defaults() {
            return new Adam(1e-3, 0.9, 0.999, 1e-8);
        }
    }

    private static void requirePositive(double value, String what) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(what + " must be a positive finite number, got " + value);
        }
    }
}
