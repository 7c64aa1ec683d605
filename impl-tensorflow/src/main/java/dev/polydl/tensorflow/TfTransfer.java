package dev.polydl.tensorflow;

import dev.polydl.common.InputLayout;
import dev.polydl.common.ModelSpec;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Transfer: the graph of {@link TfCnn} with its feature variables frozen in TensorFlow's way, by leaving them
 * out of the variable list handed to {@code tf.gradients} and to the optimizer. The graph then holds no
 * gradient op for the convolutions' weights or inputs, no update op and no Adam slots for them; the forward
 * pass still reads them. With nothing frozen (pretraining) every variable trains, as in the CNN.
 */
final class TfTransfer implements TfNetwork {
    private final TfCnn cnn;
    private final List<Parameter> trainable;

    TfTransfer(Ops tf, ModelSpec spec, InputLayout layout, long seed) {
        cnn = new TfCnn(tf, spec, layout, seed);
        trainable = cnn.parameters().stream().filter(parameter -> !spec.isFrozen(parameter.name())).toList();
    }

    @Override
    public Shape sampleShape() {
        return cnn.sampleShape();
    }

    @Override
    public List<Parameter> parameters() {
        return cnn.parameters();
    }

    @Override
    public List<Parameter> trainableParameters() {
        return trainable;
    }

    @Override
    public Operand<TFloat32> forward(Ops tf, Operand<TFloat32> input, boolean training) {
        return cnn.forward(tf, input, training);
    }
}
