package dev.polydl.common;

import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Seeded, shuffled mini-batches, identical for every framework: epoch e visits the samples in
 * {@link Seeds#permutation} order seeded with {@code Seeds.derive(seed, e)}, cut into batches of
 * {@code batchSize}; the last batch of an epoch is smaller when the size does not divide evenly
 * (every sample is seen once per epoch).
 */
public final class MiniBatches {
    private final ImageDataset data;
    private final int batchSize;
    private final long seed;

    public MiniBatches(ImageDataset data, int batchSize, long seed) {
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batch size must be positive, got " + batchSize);
        }
        this.data = data;
        this.batchSize = batchSize;
        this.seed = seed;
    }

    public int batchesPerEpoch() {
        return (data.size() + batchSize - 1) / batchSize;
    }

    /** The sample order of one epoch. */
    public int[] order(int epoch) {
        return Seeds.permutation(data.size(), Seeds.derive(seed, epoch));
    }

    /** The batches of one epoch, built lazily so that only one batch is in memory at a time. */
    public Iterable<Batch> epoch(int epoch) {
        int[] order = order(epoch);
        return () -> new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < order.length;
            }

            @Override
            public Batch next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                int end = Math.min(next + batchSize, order.length);
                int[] indices = Arrays.copyOfRange(order, next, end);
                next = end;
                return data.batch(indices);
            }
        };
    }
}
