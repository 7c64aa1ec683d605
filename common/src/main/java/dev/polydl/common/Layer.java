package dev.polydl.common;

import java.util.List;

/**
 * One layer of a canonical network. Parameterised layers name their tensors as PyTorch's
 * {@code state_dict} would ({@code fc1.weight}, {@code fc1.bias}) and give their canonical shapes.
 */
public sealed interface Layer {

    /** The canonical parameters of this layer, in order (weight before bias). */
    default List<ParameterSpec> parameters() {
        return List.of();
    }

    /** Fully connected: {@code y = x·Wᵀ + b}, weight {@code [out, in]}, bias {@code [out]}. */
    record Dense(String name, int in, int out) implements Layer {
        public Dense {
            requirePositive(in, out);
        }

        @Override
        public List<ParameterSpec> parameters() {
            return List.of(new ParameterSpec(name + ".weight", in, out, out, in),
                    new ParameterSpec(name + ".bias", in, out, out));
        }
    }

    /**
     * 2-D convolution, valid padding, stride 1, over NCHW activations; weight
     * {@code [outChannels, inChannels, kernel, kernel]}, bias {@code [outChannels]}.
     */
    record Conv2d(String name, int inChannels, int outChannels, int kernel) implements Layer {
        public Conv2d {
            requirePositive(inChannels, outChannels, kernel);
        }

        @Override
        public List<ParameterSpec> parameters() {
            int fanIn = inChannels * kernel * kernel;
            int fanOut = outChannels * kernel * kernel;
            return List.of(
                    new ParameterSpec(name + ".weight", fanIn, fanOut, outChannels, inChannels, kernel, kernel),
                    new ParameterSpec(name + ".bias", fanIn, fanOut, outChannels));
        }
    }

    /** Rectified linear unit; its derivative at 0 is taken as 0. */
    record Relu() implements Layer {
    }

    /** Max-pooling over non-overlapping {@code size × size} windows (stride = size, no padding). */
    record MaxPool2d(int size) implements Layer {
        public MaxPool2d {
            requirePositive(size);
        }
    }

    /**
     * Inverted dropout: in train mode each activation is zeroed with probability {@code rate} and the
     * survivors are scaled by {@code 1 / (1 − rate)}; in eval mode it is the identity. Note that
     * {@code rate} is the probability of <em>dropping</em> (PyTorch, Keras), not of keeping (DL4J).
     */
    record Dropout(double rate) implements Layer {
        public Dropout {
            if (!(rate >= 0 && rate < 1)) {
                throw new IllegalArgumentException("dropout rate must lie in [0, 1), got " + rate);
            }
        }
    }

    /** Flattens {@code [C, H, W]} to {@code C·H·W} in channel-major (NCHW, PyTorch) order. */
    record Flatten() implements Layer {
    }

    private static void requirePositive(int... values) {
        for (int value : values) {
            if (value <= 0) {
                throw new IllegalArgumentException("layer sizes must be positive, got " + value);
            }
        }
    }
}
