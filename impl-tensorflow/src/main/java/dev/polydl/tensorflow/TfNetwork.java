package dev.polydl.tensorflow;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.op.random.RandomUniform;
import org.tensorflow.types.TFloat32;

/** What each network file provides: its variables and a forward pass that can be built more than once. */
interface TfNetwork {

    /** A trainable variable under its canonical name, with the layout it has in the graph. */
    record Parameter(String name, Variable<TFloat32> variable, TfLayouts.Layout layout) {
    }

    /** The shape of one input sample as the graph's placeholder takes it. */
    Shape sampleShape();

    /** The variables in canonical order. */
    List<Parameter> parameters();

    /** The variables training updates, in canonical order: the gradients are taken with respect to these only. */
    default List<Parameter> trainableParameters() {
        return parameters();
    }

    /**
     * Builds the forward pass on {@code input}. Called twice on one graph: once with dropout for
     * training, once without for inference; both read the same variables.
     */
    Operand<TFloat32> forward(Ops tf, Operand<TFloat32> input, boolean training);

    /** Creates an uninitialised variable of the layout's native shape; the session assigns its value. */
    static Parameter parameter(Ops tf, String name, TfLayouts.Layout layout) {
        return new Parameter(name, tf.withName(name).variable(layout.nativeShape(), TFloat32.class), layout);
    }

    /** {@code x·W + b} with a {@code [in, out]} kernel. */
    static Operand<TFloat32> dense(Ops tf, Operand<TFloat32> x, Parameter kernel, Parameter bias) {
        return tf.nn.biasAdd(tf.linalg.matMul(x, kernel.variable()), bias.variable());
    }

    /**
     * Inverted dropout: keeps each unit with probability 1 − rate and scales survivors by
     * 1 / (1 − rate). Seeded per op ({@code seed}, {@code opIndex}) so runs repeat.
     */
    static Operand<TFloat32> dropout(Ops tf, Operand<TFloat32> x, double rate, long seed, long opIndex) {
        if (rate == 0) {
            return x;
        }
        Operand<TFloat32> uniform = tf.random.randomUniform(tf.shape(x), TFloat32.class,
                RandomUniform.seed(seed), RandomUniform.seed2(opIndex));
        Operand<TFloat32> keep = tf.dtypes.cast(tf.math.greaterEqual(uniform, tf.constant((float) rate)), TFloat32.class);
        return tf.math.mul(x, tf.math.mul(keep, tf.constant((float) (1 / (1 - rate)))));
    }
}
