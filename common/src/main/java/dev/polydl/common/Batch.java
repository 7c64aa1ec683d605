package dev.polydl.common;

/**
 * A mini-batch: {@code inputs} holds {@code size} samples one after another, each in the model's
 * input shape, channels-first (NCHW) for images unless the session was opened for another
 * {@link InputLayout}. Classification batches carry integer
 * {@code labels}; regression batches (argsort) carry {@code targets}, {@code size × outputs} values.
 * The arrays are shared, not copied: sessions must not modify them.
 */
public record Batch(int size, float[] inputs, int[] labels, float[] targets) {

    public Batch {
        if (size <= 0) {
            throw new IllegalArgumentException("a batch needs at least one sample, got " + size);
        }
        if (inputs.length % size != 0) {
            throw new IllegalArgumentException(inputs.length + " input values do not split into " + size + " samples");
        }
        if ((labels == null) == (targets == null)) {
            throw new IllegalArgumentException("a batch carries either labels or targets");
        }
        if (labels != null && labels.length != size) {
            throw new IllegalArgumentException(labels.length + " labels for " + size + " samples");
        }
        if (targets != null && targets.length % size != 0) {
            throw new IllegalArgumentException(targets.length + " target values do not split into " + size + " samples");
        }
    }

    public static Batch classification(float[] inputs, int[] labels) {
        return new Batch(labels.length, inputs, labels, null);
    }

    public static Batch regression(int size, float[] inputs, float[] targets) {
        return new Batch(size, inputs, null, targets);
    }

    /** Values per input sample. */
    public int inputSize() {
        return inputs.length / size;
    }
}
