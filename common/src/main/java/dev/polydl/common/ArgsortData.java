package dev.polydl.common;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The argsort toy: arrays of n values uniform on [0, 1), each with its argsort (the indices that
 * sort it ascending) as the regression target. A model's score is the percentage of outputs that,
 * rounded to the nearest integer, equal the target index.
 */
public final class ArgsortData {
    private ArgsortData() {
    }

    /** {@code count} arrays of length {@code n} with their argsort targets, drawn from the seed. */
    public static Batch generate(int n, int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] inputs = new float[count * n];
        float[] targets = new float[count * n];
        Integer[] indices = new Integer[n];
        for (int s = 0; s < count; s++) {
            int base = s * n;
            for (int i = 0; i < n; i++) {
                inputs[base + i] = random.nextFloat();
                indices[i] = i;
            }
            Arrays.sort(indices, (a, b) -> Float.compare(inputs[base + a], inputs[base + b]));
            for (int i = 0; i < n; i++) {
                targets[base + i] = indices[i];
            }
        }
        return Batch.regression(count, inputs, targets);
    }

    /** Percentage (0–100) of outputs whose nearest integer equals the target index; NaN when any output is NaN or infinite. */
    public static double score(float[] outputs, float[] targets) {
        if (outputs.length != targets.length || outputs.length == 0) {
            throw new IllegalArgumentException(outputs.length + " outputs for " + targets.length + " targets");
        }
        if (!Metrics.allFinite(outputs)) {
            return Double.NaN; // Math.round(NaN) is 0, which would count as a hit for every target 0
        }
        long hits = 0;
        for (int i = 0; i < outputs.length; i++) {
            if (Math.round(outputs[i]) == targets[i]) {
                hits++;
            }
        }
        return 100.0 * hits / outputs.length;
    }
}
