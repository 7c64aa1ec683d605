package dev.polydl.common;

import java.util.SplittableRandom;

/**
 * Derives independent seeds from the one seed a run is given, so that the split, each epoch's
 * shuffle and each argsort batch use separate random streams, reproducibly.
 */
public final class Seeds {
    private Seeds() {
    }

    /** The seed of sub-stream {@code stream} of {@code seed} (SplitMix64's finaliser over both). */
    public static long derive(long seed, long stream) {
        long z = seed + 0x9E3779B97F4A7C15L * (stream + 1);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Fisher–Yates shuffle of {@code 0 … n−1} with {@link SplittableRandom}. */
    public static int[] permutation(int n, long seed) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        return order;
    }
}
