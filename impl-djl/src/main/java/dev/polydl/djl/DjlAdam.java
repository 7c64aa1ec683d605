package dev.polydl.djl;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.optimizer.Optimizer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Adam exactly as {@link dev.polydl.common.Optimizer.Adam} defines it, on the engines' fused
 * {@code adamUpdate} kernel. DJL's own {@code Adam} hands that kernel the raw ε, which the kernel adds
 * to the uncorrected √v (TensorFlow's placement); the contract kit's Adam case measures the
 * difference (1.4e-3 on the FCN after 3 steps). Passing ε̂ = ε·√(1 − β2^t) instead makes the update
 * the canonical one, with the same kernel and the same cost.
 */
final class DjlAdam extends Optimizer {
    private final dev.polydl.common.Optimizer.Adam adam;
    private final float learningRate;
    private final float beta1;
    private final float beta2;
    private final Map<String, Map<Device, NDArray>> means = new ConcurrentHashMap<>();
    private final Map<String, Map<Device, NDArray>> variances = new ConcurrentHashMap<>();

    DjlAdam(dev.polydl.common.Optimizer.Adam adam) {
        super(new Builder());
        this.adam = adam;
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
        NDList inputs = new NDList(weight, grad,
                withDefaultState(means, parameterId, weight.getDevice(), key -> weight.zerosLike()),
                withDefaultState(variances, parameterId, weight.getDevice(), key -> weight.zerosLike()));
        weight.getNDArrayInternal().adamUpdate(inputs, new NDList(weight), learningRate, correctedRate, 0f,
                rescaleGrad, clipGrad, beta1, beta2, epsilonOnRawSecondMoment, true, false);
    }

    private static final class Builder extends OptimizerBuilder<Builder> {
        @Override
        protected Builder self() {
            return this;
        }
    }
}
