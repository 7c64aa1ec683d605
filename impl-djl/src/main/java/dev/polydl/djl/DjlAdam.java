package dev.polydl.djl;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.optimizer.Optimizer;
import dev.polydl.common.EngineSetting;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Adam exactly as {@link dev.polydl.common.Optimizer.Adam} defines it, on the engines' fused
 * {@code adamUpdate} kernel. DJL's own {@code Adam} hands that kernel the raw ε, which the kernel adds
 * to the uncorrected √v (TensorFlow's placement); the contract kit's Adam case measures the
 * difference (1.4e-3 on the FCN after 3 steps). Passing ε̂ = ε·√(1 − β2^t) instead makes the update
 * the canonical one, with the same kernel and the same cost.
 *
 * <p>Optionally the moments are cleared of denormal values every few steps: a moment whose gradient
 * stays zero decays to the smallest denormals and stays there (0.9 · k·2⁻¹⁴⁹ rounds back to k for
 * k ≤ 4), and MXNet's kernel is several times slower on such values. TensorFlow's threads flush
 * denormals to zero in hardware; DJL offers no such switch.
 */
final class DjlAdam extends Optimizer {
    private final dev.polydl.common.Optimizer.Adam adam;
    private final float learningRate;
    private final float beta1;
    private final float beta2;
    /** Steps between clearing the moments of denormals, counted from the first; 0: never. */
    private final int denormalFlushSteps;
    private final Map<String, Map<Device, NDArray>> means = new ConcurrentHashMap<>();
    private final Map<String, Map<Device, NDArray>> variances = new ConcurrentHashMap<>();

    DjlAdam(dev.polydl.common.Optimizer.Adam adam, int denormalFlushSteps) {
        super(new Builder());
        this.adam = adam;
        this.denormalFlushSteps = denormalFlushSteps;
        this.learningRate = (float) adam.learningRate();
        this.beta1 = (float) adam.beta1();
        this.beta2 = (float) adam.beta2();
    }

    @Override
    public void update(String parameterId, NDArray weight, NDArray grad) {
        int t = updateCount(parameterId);
        double correction1 = 1 - Math.pow(beta1, t);
        double correction2 = 1 - Math.pow(beta2, t);
        float correctedRate = (float) (learningRate * Math.sqrt(correction2) / correction1);
        float epsilonOnRawSecondMoment = (float) adam.epsilonOnUncorrectedRoot(t);
        NDArray mean = withDefaultState(means, parameterId, weight.getDevice(), key -> weight.zerosLike());
        NDArray variance = withDefaultState(variances, parameterId, weight.getDevice(), key -> weight.zerosLike());
        weight.getNDArrayInternal().adamUpdate(new NDList(weight, grad, mean, variance), new NDList(weight), learningRate,
                correctedRate, 0f, rescaleGrad, clipGrad, beta1, beta2, epsilonOnRawSecondMoment, true, false);
        if (EngineSetting.adamDenormalFlushAfter(t, denormalFlushSteps)) {
            flushDenormals(mean);
            flushDenormals(variance);
        }
    }

    /** Sets the denormal values of {@code array} to zero in place; every other value stays bit-identical. */
    static void flushDenormals(NDArray array) {
        try (NDArray magnitude = array.abs(); NDArray normal = magnitude.gte(Float.MIN_NORMAL);
             NDArray keep = normal.toType(DataType.FLOAT32, false)) {
            array.muli(keep);
        }
    }

    private static final class Builder extends OptimizerBuilder<Builder> {
        @Override
        protected Builder self() {
            return this;
        }
    }
}
