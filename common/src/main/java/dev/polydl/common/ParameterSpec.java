package dev.polydl.common;

import java.util.Arrays;
import java.util.Locale;

/**
 * One canonical parameter tensor: its name, its canonical shape, and the fan-in and fan-out that
 * Glorot initialisation uses (for a conv kernel, channels × kernel area, as Keras computes them).
 */
public final class ParameterSpec {
    private final String name;
    private final int fanIn;
    private final int fanOut;
    private final int[] shape;

    public ParameterSpec(String name, int fanIn, int fanOut, int... shape) {
        this.name = name;
        this.fanIn = fanIn;
        this.fanOut = fanOut;
        this.shape = shape.clone();
    }

    public String name() {
        return name;
    }

    /** The canonical shape (a copy). */
    public int[] shape() {
        return shape.clone();
    }

    public int fanIn() {
        return fanIn;
    }

    public int fanOut() {
        return fanOut;
    }

    /** Number of elements. */
    public int size() {
        return Shapes.size(shape);
    }

    public boolean isBias() {
        return name.endsWith(".bias");
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ParameterSpec that && name.equals(that.name) && Arrays.equals(shape, that.shape)
                && fanIn == that.fanIn && fanOut == that.fanOut;
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(shape);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s%s", name, Arrays.toString(shape));
    }
}
