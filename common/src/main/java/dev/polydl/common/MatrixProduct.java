package dev.polydl.common;

import java.util.SplittableRandom;

/**
 * A square float32 matrix product C = A·B computed by an engine's own kernel, with A and B already
 * on the device: what the benchmarks use to find the best GFLOP/s this machine reaches, so that each
 * framework's training throughput can be put against the machine's peak. Owns native memory.
 */
public interface MatrixProduct extends AutoCloseable {

    /** The matrices' size n (A, B and C are n × n). */
    int size();

    /**
     * Computes C = A·B, waits until it is done, and returns the sum of C's elements (which the caller
     * checks, and which keeps the work from being skipped).
     */
    double multiply();

    @Override
    void close();

    /** FLOPs of one product: n³ multiply-adds. */
    static double flops(int n) {
        return 2.0 * n * n * n;
    }

    /** Two n × n inputs {A, B}, row-major, uniform on [-1, 1), drawn from the seed. */
    static float[][] uniformInputs(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] a = new float[n * n];
        float[] b = new float[n * n];
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) random.nextDouble(-1, 1);
            b[i] = (float) random.nextDouble(-1, 1);
        }
        return new float[][] {a, b};
    }

    /** The exact sum of C = A·B for row-major inputs: Σ_k (column sum of A)_k · (row sum of B)_k. */
    static double expectedSum(float[] a, float[] b, int n) {
        double sum = 0;
        for (int k = 0; k < n; k++) {
            double column = 0;
            double row = 0;
            for (int i = 0; i < n; i++) {
                column += a[i * n + k];
                row += b[k * n + i];
            }
            sum += column * row;
        }
        return sum;
    }
}
