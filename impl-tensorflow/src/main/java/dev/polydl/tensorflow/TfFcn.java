package dev.polydl.tensorflow;

import dev.polydl.common.Layer;
import dev.polydl.common.ModelSpec;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** FCN: 784 → 512 ReLU → dropout → 256 ReLU → dropout → 10 logits. */
final class TfFcn implements TfNetwork {
    private final Parameter fc1Kernel;
    private final Parameter fc1Bias;
    private final Parameter fc2Kernel;
    private final Parameter fc2Bias;
    private final Parameter fc3Kernel;
    private final Parameter fc3Bias;
    private final double dropout1;
    private final double dropout2;
    private final long seed;
    private final int inputSize;

    TfFcn(Ops tf, ModelSpec spec, long seed) {
        Layer.Dense fc1 = spec.dense(0);
        Layer.Dense fc2 = spec.dense(1);
        Layer.Dense fc3 = spec.dense(2);
        fc1Kernel = TfNetwork.parameter(tf, fc1.name() + ".weight", TfLayouts.denseKernel(fc1.out(), fc1.in()));
        fc1Bias = TfNetwork.parameter(tf, fc1.name() + ".bias", TfLayouts.vector(fc1.out()));
        fc2Kernel = TfNetwork.parameter(tf, fc2.name() + ".weight", TfLayouts.denseKernel(fc2.out(), fc2.in()));
        fc2Bias = TfNetwork.parameter(tf, fc2.name() + ".bias", TfLayouts.vector(fc2.out()));
        fc3Kernel = TfNetwork.parameter(tf, fc3.name() + ".weight", TfLayouts.denseKernel(fc3.out(), fc3.in()));
        fc3Bias = TfNetwork.parameter(tf, fc3.name() + ".bias", TfLayouts.vector(fc3.out()));
        inputSize = spec.inputSize();
        dropout1 = spec.dropoutRates().get(0);
        dropout2 = spec.dropoutRates().get(1);
        this.seed = seed;
    }

    @Override
    public Shape sampleShape() {
        return Shape.of(inputSize);
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(fc1Kernel, fc1Bias, fc2Kernel, fc2Bias, fc3Kernel, fc3Bias);
    }

    @Override
    public Operand<TFloat32> forward(Ops tf, Operand<TFloat32> input, boolean training) {
        Operand<TFloat32> x = tf.nn.relu(TfNetwork.dense(tf, input, fc1Kernel, fc1Bias));
        if (training) {
            x = TfNetwork.dropout(tf, x, dropout1, seed, 1);
        }
        x = tf.nn.relu(TfNetwork.dense(tf, x, fc2Kernel, fc2Bias));
        if (training) {
            x = TfNetwork.dropout(tf, x, dropout2, seed, 2);
        }
        return TfNetwork.dense(tf, x, fc3Kernel, fc3Bias);
    }
}
