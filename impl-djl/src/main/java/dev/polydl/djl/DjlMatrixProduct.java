package dev.polydl.djl;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.polydl.common.MatrixProduct;

/** {@code NDArray.matMul} on the session's engine; reading the sum back waits for the product. */
final class DjlMatrixProduct implements MatrixProduct {
    private final NDManager manager;
    private final NDArray a;
    private final NDArray b;
    private final int n;

    DjlMatrixProduct(String engineName, dev.polydl.common.Device device, float[] a, float[] b, int n) {
        this.manager = NDManager.newBaseManager(device == dev.polydl.common.Device.GPU ? Device.gpu() : Device.cpu(), engineName);
        this.a = manager.create(a, new Shape(n, n));
        this.b = manager.create(b, new Shape(n, n));
        this.n = n;
    }

    @Override
    public int size() {
        return n;
    }

    @Override
    public double multiply() {
        try (NDArray product = a.matMul(b); NDArray sum = product.sum()) {
            return sum.getFloat();
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}
