package dev.polydl.tensorflow;

import dev.polydl.common.InputLayout;
import java.util.function.IntUnaryOperator;
import org.tensorflow.ndarray.Shape;

/**
 * Canonical (PyTorch) layouts to TensorFlow's and back. Each parameter carries one of these, so that
 * every conversion is written once and tested in both directions by the contract kit.
 */
final class TfLayouts {
    private TfLayouts() {
    }

    /** How one parameter is stored in the graph. */
    interface Layout {
        Shape nativeShape();

        /** Canonical row-major data to TensorFlow row-major data. */
        float[] toNative(float[] canonical);

        /** TensorFlow row-major data back to canonical row-major data. */
        float[] toCanonical(float[] nativeData);
    }

    /** Biases: the same in both. */
    static Layout vector(int size) {
        return new Permutation(Shape.of(size), new int[size], i -> i);
    }

    /** Dense kernel: canonical {@code [out, in]}, TensorFlow {@code [in, out]} (for {@code x·W}). */
    static Layout denseKernel(int out, int in) {
        return new Permutation(Shape.of(in, out), new int[out * in], canonical -> {
            int o = canonical / in;
            int i = canonical % in;
            return i * out + o;
        });
    }

    /** Conv kernel: canonical OIHW {@code [out, in, kH, kW]}, TensorFlow HWIO {@code [kH, kW, in, out]}. */
    static Layout convKernel(int out, int in, int kernel) {
        return new Permutation(Shape.of(kernel, kernel, in, out), new int[out * in * kernel * kernel], canonical -> {
            int o = canonical / (in * kernel * kernel);
            int i = canonical / (kernel * kernel) % in;
            int r = canonical / kernel % kernel;
            int c = canonical % kernel;
            return ((r * kernel + c) * in + i) * out + o;
        });
    }

    /**
     * The dense kernel right after a flatten: canonical columns are in channel-major order
     * ({@code c·H·W + h·W + w}, a flattened NCHW tensor), but TensorFlow flattens NHWC activations,
     * so its rows are in channels-last order ({@code (h·W + w)·C + c}). Forgetting this permutation
     * is the classic weight-porting bug: the shapes match and the numbers are wrong.
     */
    static Layout denseKernelAfterFlatten(int out, int channels, int height, int width) {
        int in = channels * height * width;
        return new Permutation(Shape.of(in, out), new int[out * in], canonical -> {
            int o = canonical / in;
            int row = InputLayout.CHANNELS_LAST.flattenedIndex(canonical % in, channels, height, width);
            return row * out + o;
        });
    }

    /** A layout that is a permutation of elements: native[target(i)] = canonical[i]. */
    private static final class Permutation implements Layout {
        private final Shape shape;
        private final int[] target;

        Permutation(Shape shape, int[] target, IntUnaryOperator rule) {
            this.shape = shape;
            this.target = target;
            for (int i = 0; i < target.length; i++) {
                target[i] = rule.applyAsInt(i);
            }
        }

        @Override
        public Shape nativeShape() {
            return shape;
        }

        @Override
        public float[] toNative(float[] canonical) {
            float[] out = new float[canonical.length];
            for (int i = 0; i < canonical.length; i++) {
                out[target[i]] = canonical[i];
            }
            return out;
        }

        @Override
        public float[] toCanonical(float[] nativeData) {
            float[] out = new float[nativeData.length];
            for (int i = 0; i < out.length; i++) {
                out[i] = nativeData[target[i]];
            }
            return out;
        }
    }
}
