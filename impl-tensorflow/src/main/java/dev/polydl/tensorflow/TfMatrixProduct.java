package dev.polydl.tensorflow;

import dev.polydl.common.Device;
import dev.polydl.common.MatrixProduct;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.types.TFloat32;

/** {@code tf.linalg.matMul} on two variables in a graph; fetching the sum runs the product to the end. */
final class TfMatrixProduct implements MatrixProduct {
    private final Graph graph = new Graph();
    private final Session session;
    private final Operand<TFloat32> sum;
    private final int n;

    TfMatrixProduct(float[] a, float[] b, int n, Device device, int threads) {
        this.n = n;
        Ops tf = Ops.create(graph);
        Shape shape = Shape.of(n, n);
        // Variables, not constants: Grappler would fold a product of two constants once and cache it.
        Variable<TFloat32> left = tf.variable(shape, TFloat32.class);
        Variable<TFloat32> right = tf.variable(shape, TFloat32.class);
        var assignLeft = tf.assign(left, tf.constant(shape, DataBuffers.of(a, true, false)));
        var assignRight = tf.assign(right, tf.constant(shape, DataBuffers.of(b, true, false)));
        sum = tf.reduceSum(tf.linalg.matMul(left, right), tf.constant(new int[] {0, 1}));
        ConfigProto.Builder config = ConfigProto.newBuilder().setIntraOpParallelismThreads(threads).setInterOpParallelismThreads(1);
        if (device == Device.CPU) {
            config.putDeviceCount("GPU", 0);
        }
        session = new Session(graph, config.build());
        session.runner().addTarget(assignLeft).addTarget(assignRight).run().close();
    }

    @Override
    public int size() {
        return n;
    }

    @Override
    public double multiply() {
        try (var result = session.runner().fetch(sum).run()) {
            return ((TFloat32) result.get(0)).getFloat();
        }
    }

    @Override
    public void close() {
        session.close();
        graph.close();
    }
}
