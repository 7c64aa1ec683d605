package dev.polydl.dl4j;

import dev.polydl.common.MatrixProduct;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** ND4J's {@code mmul} (BLAS sgemm underneath); {@code sumNumber} reads the result back, so it waits. */
final class Dl4jMatrixProduct implements MatrixProduct {
    private final INDArray a;
    private final INDArray b;
    private final int n;

    Dl4jMatrixProduct(float[] a, float[] b, int n) {
        this.a = Nd4j.create(a, new long[] {n, n}, DataType.FLOAT);
        this.b = Nd4j.create(b, new long[] {n, n}, DataType.FLOAT);
        this.n = n;
    }

    @Override
    public int size() {
        return n;
    }

    @Override
    public double multiply() {
        INDArray product = a.mmul(b);
        double sum = product.sumNumber().doubleValue();
        product.close();
        return sum;
    }

    @Override
    public void close() {
        a.close();
        b.close();
    }
}
