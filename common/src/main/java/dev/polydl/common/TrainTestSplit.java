package dev.polydl.common;

import java.util.Arrays;

/**
 * A seeded, stratified split: each class gives the test set its share of {@code testSize}
 * (largest remainders settle the rounding, so the total is exact), chosen by a seeded shuffle of
 * that class's samples. Both halves keep the original file order, so the split changes nothing but
 * membership; training order is decided later by {@link MiniBatches}.
 */
public record TrainTestSplit(ImageDataset train, ImageDataset test) {

    /** The embedded sample's default: 8 000 train / 2 000 test. */
    public static final int SAMPLE_TEST_SIZE = 2_000;

    public static TrainTestSplit of(ImageDataset data, int testSize, long seed) {
        int n = data.size();
        if (testSize <= 0 || testSize >= n) {
            throw new IllegalArgumentException("test size must lie between 1 and " + (n - 1) + ", got " + testSize);
        }
        int[] counts = data.classCounts();
        int[] testPerClass = apportion(counts, testSize, n);
        boolean[] inTest = new boolean[n];
        for (int label = 0; label < counts.length; label++) {
            int[] members = new int[counts[label]];
            int m = 0;
            for (int i = 0; i < n; i++) {
                if (data.labels()[i] == label) {
                    members[m++] = i;
                }
            }
            int[] order = Seeds.permutation(members.length, Seeds.derive(seed, label));
            for (int k = 0; k < testPerClass[label]; k++) {
                inTest[members[order[k]]] = true;
            }
        }
        int[] test = new int[testSize];
        int[] train = new int[n - testSize];
        int t = 0;
        int r = 0;
        for (int i = 0; i < n; i++) {
            if (inTest[i]) {
                test[t++] = i;
            } else {
                train[r++] = i;
            }
        }
        return new TrainTestSplit(data.subset(train, data.source() + " [train]"), data.subset(test, data.source() + " [test]"));
    }

    private static int[] apportion(int[] counts, int testSize, int n) {
        int[] share = new int[counts.length];
        double[] remainder = new double[counts.length];
        int given = 0;
        for (int c = 0; c < counts.length; c++) {
            double exact = (double) counts[c] * testSize / n;
            share[c] = (int) Math.floor(exact);
            remainder[c] = exact - share[c];
            given += share[c];
        }
        Integer[] byRemainder = new Integer[counts.length];
        Arrays.setAll(byRemainder, c -> c);
        Arrays.sort(byRemainder, (a, b) -> remainder[a] != remainder[b] ? Double.compare(remainder[b], remainder[a]) : a - b);
        for (int k = 0; given < testSize; k++) {
            share[byRemainder[k]]++;
            given++;
        }
        return share;
    }
}
