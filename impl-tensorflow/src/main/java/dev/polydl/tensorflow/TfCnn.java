package dev.polydl.tensorflow;

import dev.polydl.common.InputLayout;
import dev.polydl.common.Layer;
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
    private final Shape sampleShape;
    private final int[] poolWindow;
    private final int flattenedSize;

    TfCnn(Ops tf, ModelSpec spec, InputLayout layout, long seed) {
        this.layout = layout;
        Layer.Conv2d conv1 = spec.conv(0);
        Layer.Conv2d conv2 = spec.conv(1);
        Layer.Dense fc1 = spec.dense(0);
        Layer.Dense fc2 = spec.dense(1);
        int[] flattened = spec.flattenedShape();
        conv1Kernel = TfNetwork.parameter(tf, conv1.name() + ".weight", TfLayouts.convKernel(conv1.outChannels(), conv1.inChannels(), conv1.kernel()));
        conv1Bias = TfNetwork.parameter(tf, conv1.name() + ".bias", TfLayouts.vector(conv1.outChannels()));
        conv2Kernel = TfNetwork.parameter(tf, conv2.name() + ".weight", TfLayouts.convKernel(conv2.outChannels(), conv2.inChannels(), conv2.kernel()));
        conv2Bias = TfNetwork.parameter(tf, conv2.name() + ".bias", TfLayouts.vector(conv2.outChannels()));
        fc1Kernel = TfNetwork.parameter(tf, fc1.name() + ".weight",
                TfLayouts.denseKernelAfterFlatten(fc1.out(), flattened[0], flattened[1], flattened[2]));
        fc1Bias = TfNetwork.parameter(tf, fc1.name() + ".bias", TfLayouts.vector(fc1.out()));
        fc2Kernel = TfNetwork.parameter(tf, fc2.name() + ".weight", TfLayouts.denseKernel(fc2.out(), fc2.in()));
        fc2Bias = TfNetwork.parameter(tf, fc2.name() + ".bias", TfLayouts.vector(fc2.out()));
        int[] input = spec.inputShape();
        sampleShape = layout == InputLayout.CHANNELS_FIRST ? Shape.of(input[0], input[1], input[2]) : Shape.of(input[1], input[2], input[0]);
        int pool = spec.pool(0).size();
        poolWindow = new int[] {1, pool, pool, 1};
        flattenedSize = fc1.in();
        dropoutAfterPool = spec.dropoutRates().get(0);
        dropoutAfterDense = spec.dropoutRates().get(1);
        this.seed = seed;
    }

    @Override
    public Shape sampleShape() {
        return sampleShape;
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
        x = tf.nn.maxPool(x, tf.constant(poolWindow), tf.constant(poolWindow), "VALID");
        if (training) {
            x = TfNetwork.dropout(tf, x, dropoutAfterPool, seed, 1);
        }
        x = tf.reshape(x, tf.constant(new int[] {-1, flattenedSize}));
        x = tf.nn.relu(TfNetwork.dense(tf, x, fc1Kernel, fc1Bias));
        if (training) {
            x = TfNetwork.dropout(tf, x, dropoutAfterDense, seed, 2);
        }
        return TfNetwork.dense(tf, x, fc2Kernel, fc2Bias);
    }
}
