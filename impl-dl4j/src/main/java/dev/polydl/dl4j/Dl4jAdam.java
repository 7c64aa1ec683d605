package dev.polydl.dl4j;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.updaters.AdamUpdater;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.schedule.ISchedule;

/**
 * Adam exactly as {@link dev.polydl.common.Optimizer.Adam} defines it, on ND4J's fused
 * {@code adam_updater} op, the kernel DL4J's own {@code Adam} runs. That kernel adds ε to the
 * uncorrected √v (like TensorFlow); handing it ε̂ = ε·√(1 − β2^t) each step makes the update the
 * canonical one at the same cost. Its state (m, then v) lives in the view array DL4J hands it, as in
 * DL4J's own updater.
 */
final class Dl4jAdam implements IUpdater {
    private static final long serialVersionUID = 1L;

    private dev.polydl.common.Optimizer.Adam adam;

    Dl4jAdam(dev.polydl.common.Optimizer.Adam adam) {
        this.adam = adam;
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
        return new Dl4jAdam(adam);
    }

    @Override
    public double getLearningRate(int iteration, int epoch) {
        return adam.learningRate();
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
        adam = new dev.polydl.common.Optimizer.Adam(lr, adam.beta1(), adam.beta2(), adam.epsilon());
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Dl4jAdam that && adam.equals(that.adam);
    }

    @Override
    public int hashCode() {
        return adam.hashCode();
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

        /** DL4J counts iterations from 0; the op's bias corrections use iteration + 1, like ε̂. */
        @Override
        public void applyUpdater(INDArray gradient, int iteration, int epoch) {
            Nd4j.exec(new AdamUpdater(gradient.reshape(v.shape()), v, m, adam.learningRate(), adam.beta1(), adam.beta2(),
                    adam.epsilonOnUncorrectedRoot(iteration + 1L), iteration));
        }
    }
}
