package dev.polydl.dl4j;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.nd4j.linalg.schedule.ISchedule;

/**
 * Adam exactly as {@link dev.polydl.common.Optimizer.Adam} defines it. DL4J's own {@code Adam}
 * adds ε to the uncorrected √v (like TensorFlow); this updater adds it to the bias-corrected √v̂.
 * Its state (m, then v) lives in the view array DL4J hands it, like DL4J's own updaters.
 */
final class Dl4jAdam implements IUpdater {
    private static final long serialVersionUID = 1L;

    private double learningRate;
    private final double beta1;
    private final double beta2;
    private final double epsilon;

    Dl4jAdam(dev.polydl.common.Optimizer.Adam adam) {
        this(adam.learningRate(), adam.beta1(), adam.beta2(), adam.epsilon());
    }

    private Dl4jAdam(double learningRate, double beta1, double beta2, double epsilon) {
        this.learningRate = learningRate;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
    }

    @Override
    public long stateSize(long numParams) {
        return 2 * numParams;
    }

    @Override
    public GradientUpdater<Dl4jAdam> instantiate(INDArray viewArray, boolean initializeViewArray) {
        Updater updater = new Updater();
        updater.setStateViewArray(viewArray, viewArray.shape(), viewArray.ordering(), initializeViewArray);
        return updater;
    }

    @Override
    public GradientUpdater<Dl4jAdam> instantiate(Map<String, INDArray> state, boolean initialize) {
        Updater updater = new Updater();
        updater.setState(state, initialize);
        return updater;
    }

    @Override
    public Dl4jAdam clone() {
        return new Dl4jAdam(learningRate, beta1, beta2, epsilon);
    }

    @Override
    public double getLearningRate(int iteration, int epoch) {
        return learningRate;
    }

    @Override
    public boolean hasLearningRate() {
        return true;
    }

    @Override
    public void setLrAndSchedule(double lr, ISchedule schedule) {
        if (schedule != null) {
            throw new UnsupportedOperationException("polydl runs Adam with a fixed learning rate");
        }
        this.learningRate = lr;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Dl4jAdam that && learningRate == that.learningRate && beta1 == that.beta1
                && beta2 == that.beta2 && epsilon == that.epsilon;
    }

    @Override
    public int hashCode() {
        return Double.hashCode(learningRate) * 31 + Double.hashCode(epsilon);
    }

    /** Turns the gradient, in place, into the step that DL4J subtracts from the parameters. */
    private final class Updater implements GradientUpdater<Dl4jAdam> {
        private INDArray m;
        private INDArray v;

        @Override
        public Dl4jAdam getConfig() {
            return Dl4jAdam.this;
        }

        @Override
        public void setState(Map<String, INDArray> state, boolean initialize) {
            m = state.get("M");
            v = state.get("V");
        }

        @Override
        public Map<String, INDArray> getState() {
            return Map.of("M", m, "V", v);
        }

        @Override
        public void setStateViewArray(INDArray viewArray, long[] gradientShape, char order, boolean initialize) {
            if (initialize) {
                viewArray.assign(0);
            }
            long half = viewArray.length() / 2;
            m = half(viewArray, 0, half);
            v = half(viewArray, half, 2 * half);
        }

        /** A view (not a copy) of part of the state, whether DL4J hands a vector or a row vector. */
        private INDArray half(INDArray viewArray, long from, long to) {
            return viewArray.rank() == 1 ? viewArray.get(NDArrayIndex.interval(from, to))
                    : viewArray.get(NDArrayIndex.point(0), NDArrayIndex.interval(from, to));
        }

        @Override
        public void applyUpdater(INDArray gradient, int iteration, int epoch) {
            int t = iteration + 1;
            INDArray first = m.reshape(gradient.ordering(), gradient.shape()); // views of the state, in the gradient's shape
            INDArray second = v.reshape(gradient.ordering(), gradient.shape());
            first.muli(beta1).addi(gradient.mul(1 - beta1));
            second.muli(beta2).addi(gradient.mul(gradient).muli(1 - beta2));
            double correction1 = 1 - Math.pow(beta1, t);
            double correction2 = 1 - Math.pow(beta2, t);
            INDArray denominator = Transforms.sqrt(second.div(correction2), false).addi(epsilon);
            gradient.assign(first.div(correction1).muli(learningRate).divi(denominator));
        }
    }
}
