package dev.polydl.tensorflow;

import dev.polydl.common.InputLayout;
import dev.polydl.common.ModelSpec;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * CNN: conv 3×3×32 ReLU → conv 3×3×64 ReLU → max-pool 2 → dropout → flatten → 128 ReLU → dropout
 * → 10 logits. TensorFlow's CPU kernels run convolutions and pooling only in NHWC, so a
 * channels-first input is transposed inside the graph (the cost the layout variant measures), and
 * the flatten yields channels-last order, which {@link TfLayouts#denseKernelAfterFlatten} accounts for.
 */
final class TfCnn implements TfNetwork {
    private static final List<Long> STRIDE_ONE = List.of(1L, 1L, 1L, 1L);

    private final InputLayout layout;
    private final Parameter conv1Kernel;
    private final Parameter conv1Bias;
    private final Parameter conv2Kernel;
    private final Parameter conv2Bias;
    private final Parameter fc1Kernel;
    private final Parameter fc1Bias;
    private final Parameter fc2Kernel;
    private final Parameter fc2Bias;
    private final double dropoutAfterPool;
    private final double dropoutAfterDense;
    private final long seed;

    TfCnn(Ops tf, ModelSpec spec, InputLayout layout, long seed) {
        this.layout = layout;
        conv1Kernel = TfNetwork.parameter(tf, "conv1.weight", TfLayouts.convKernel(32, 1, 3));
        conv1Bias = TfNetwork.parameter(tf, "conv1.bias", TfLayouts.vector(32));
        conv2Kernel = TfNetwork.parameter(tf, "conv2.weight", TfLayouts.convKernel(64, 32, 3));
        conv2Bias = TfNetwork.parameter(tf, "conv2.bias", TfLayouts.vector(64));
        fc1Kernel = TfNetwork.parameter(tf, "fc1.weight", TfLayouts.denseKernelAfterFlatten(128, 64, 12, 12));
        fc1Bias = TfNetwork.parameter(tf, "fc1.bias", TfLayouts.vector(128));
        fc2Kernel = TfNetwork.parameter(tf, "fc2.weight", TfLayouts.denseKernel(10, 128));
        fc2Bias = TfNetwork.parameter(tf, "fc2.bias", TfLayouts.vector(10));
        dropoutAfterPool = spec.dropoutRates().get(0);
        dropoutAfterDense = spec.dropoutRates().get(1);
        this.seed = seed;
    }

    @Override
    public Shape sampleShape() {
        return layout == InputLayout.CHANNELS_FIRST ? Shape.of(1, 28, 28) : Shape.of(28, 28, 1);
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(conv1Kernel, conv1Bias, conv2Kernel, conv2Bias, fc1Kernel, fc1Bias, fc2Kernel, fc2Bias);
    }

    @Override
    public Operand<TFloat32> forward(Ops tf, Operand<TFloat32> input, boolean training) {
        Operand<TFloat32> x = layout == InputLayout.CHANNELS_FIRST
                ? tf.linalg.transpose(input, tf.constant(new int[] {0, 2, 3, 1}))
                : input;
        x = tf.nn.relu(tf.nn.biasAdd(tf.nn.conv2d(x, conv1Kernel.variable(), STRIDE_ONE, "VALID"), conv1Bias.variable()));
        x = tf.nn.relu(tf.nn.biasAdd(tf.nn.conv2d(x, conv2Kernel.variable(), STRIDE_ONE, "VALID"), conv2Bias.variable()));
        x = tf.nn.maxPool(x, tf.constant(new int[] {1, 2, 2, 1}), tf.constant(new int[] {1, 2, 2, 1}), "VALID");
        if (training) {
            x = TfNetwork.dropout(tf, x, dropoutAfterPool, seed, 1);
        }
        x = tf.reshape(x, tf.constant(new int[] {-1, 12 * 12 * 64}));
        x = tf.nn.relu(TfNetwork.dense(tf, x, fc1Kernel, fc1Bias));
        if (training) {
            x = TfNetwork.dropout(tf, x, dropoutAfterDense, seed, 2);
        }
        return TfNetwork.dense(tf, x, fc2Kernel, fc2Bias);
    }
}
