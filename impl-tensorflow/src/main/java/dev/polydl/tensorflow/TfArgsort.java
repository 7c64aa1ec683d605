package dev.polydl.tensorflow;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** Argsort: a single dense n → n layer, no activation. */
final class TfArgsort implements TfNetwork {
    private final int n;
    private final Parameter kernel;
    private final Parameter bias;

    TfArgsort(Ops tf, int n) {
        this.n = n;
        kernel = TfNetwork.parameter(tf, "fc.weight", TfLayouts.denseKernel(n, n));
        bias = TfNetwork.parameter(tf, "fc.bias", TfLayouts.vector(n));
    }

    @Override
    public Shape sampleShape() {
        return Shape.of(n);
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(kernel, bias);
    }

    @Override
    public Operand<TFloat32> forward(Ops tf, Operand<TFloat32> input, boolean training) {
        return TfNetwork.dense(tf, input, kernel, bias);
    }
}
