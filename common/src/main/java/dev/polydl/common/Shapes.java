package dev.polydl.common;

import java.util.Arrays;
import java.util.stream.Collectors;

/** Small helpers for tensor shapes given as {@code int[]}. */
public final class Shapes {
    private Shapes() {
    }

    /** Product of the dimensions; fails on overflow rather than wrapping. */
    public static int size(int... shape) {
        int size = 1;
        for (int dim : shape) {
            if (dim < 0) {
                throw new IllegalArgumentException("negative dimension in " + Arrays.toString(shape));
            }
            size = Math.multiplyExact(size, dim);
        }
        return size;
    }

    /** {@code [1, 28, 28]} is written {@code 1×28×28}. */
    public static String format(int... shape) {
        return Arrays.stream(shape).mapToObj(Integer::toString).collect(Collectors.joining("×", "[", "]"));
    }
}
