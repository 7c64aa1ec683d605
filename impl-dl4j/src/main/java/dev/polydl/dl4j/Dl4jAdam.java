package dev.polydl.dl4j;

import dev.polydl.common.EngineSetting;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.updaters.AdamUpdater;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.BooleanIndexing;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.indexing.conditions.Conditions;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.schedule.ISchedule;

/**
 * Adam exactly as {@link dev.polydl.common.Optimizer.Adam} defines it, on ND4J's fused
 * {@code adam_updater} op, the kernel DL4J's own {@code Adam} runs. That kernel adds ε to the
 * uncorrected √v (like TensorFlow); handing it ε̂ = ε·√(1 − β2^t) each step makes the update the
 * canonical one at the same cost. Its state (m, then v) lives in the view array DL4J hands it, as in
 * DL4J's own updater.
 *
 * <p>Optionally the moments are cleared of denormal values every few steps, as {@code DjlAdam} does for MXNet: a first
 * moment whose gradient stays zero decays to the smallest denormals and stays there, and the op is slower on them.
 * TensorFlow's threads flush denormals in hardware; ND4J offers no such switch.
 */
final class Dl4jAdam implements IUpdater {
    private static final long serialVersionUID = 1L;

    private dev.polydl.common.Optimizer.Adam adam;
    /** Steps between clearing the moments of denormals, counted from the first; 0: never. */
    private final int denormalFlushSteps;

    Dl4jAdam(dev.polydl.common.Optimizer.Adam adam, int denormalFlushSteps) {
        this.adam = adam;
        this.denormalFlushSteps = denormalFlushSteps;
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
        return new Dl4jAdam(adam, denormalFlushSteps);
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
        return other instanceof Dl4jAdam that && adam.equals(that.adam) && denormalFlushSteps == that.denormalFlushSteps;
    }

    @Override
    public int hashCode() {
        return 31 * adam.hashCode() + denormalFlushSteps;
    }

    /** Sets the denormal values of {@code array} to zero in place; every other value stays bit-identical. */
    static void flushDenormals(INDArray array) {
        BooleanIndexing.replaceWhere(array, 0.0, Conditions.absLessThan(Float.MIN_NORMAL));
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
            if (EngineSetting.adamDenormalFlushAfter(iteration + 1L, denormalFlushSteps)) {
                flushDenormals(m);
                flushDenormals(v);
            }
        }
    }
}
