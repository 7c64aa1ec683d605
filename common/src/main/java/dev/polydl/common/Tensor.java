package dev.polydl.common;

import java.util.Arrays;

/**
 * A float32 tensor in row-major order: a shape and its data. Instances are immutable; the accessors
 * return copies so that no framework can change another's weights by accident.
 */
public final class Tensor {
    private final int[] shape;
    private final float[] data;

    public Tensor(int[] shape, float[] data) {
        if (Shapes.size(shape) != data.length) {
            throw new IllegalArgumentException("shape " + Shapes.format(shape) + " needs " + Shapes.size(shape)
                    + " values, got " + data.length);
        }
        this.shape = shape.clone();
        this.data = data.clone();
    }

    public int[] shape() {
        return shape.clone();
    }

    public float[] data() {
        return data.clone();
    }

    public int size() {
        return data.length;
    }

    /** One element, without copying the data. */
    public float get(int index) {
        return data[index];
    }

    /** Largest |a − b| over all elements; the shapes must agree. */
    public double maxAbsDifference(Tensor other) {
        if (!Arrays.equals(shape, other.shape)) {
            throw new IllegalArgumentException("shapes differ: " + Shapes.format(shape) + " vs " + Shapes.format(other.shape));
        }
        double max = 0;
        for (int i = 0; i < data.length; i++) {
            max = Math.max(max, Math.abs((double) data[i] - other.data[i]));
        }
        return max;
    }

    /** Bit-for-bit equality (so NaN equals NaN and 0.0 differs from −0.0). */
    @Override
    public boolean equals(Object other) {
        return other instanceof Tensor that && Arrays.equals(shape, that.shape) && Arrays.equals(data, that.data);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(shape) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "Tensor" + Shapes.format(shape);
    }
}
