package dev.polydl.dl4j;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.custom.SoftMax;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Softmax cross-entropy computed from logits, for an output layer with identity activation. DL4J's
 * usual pairing (softmax activation + MCXENT) trains the same way but makes the network output
 * probabilities; the contract wants logits from every framework, and softmax applied once, here.
 * Labels are one-hot. Per-example gradients are returned unscaled: DL4J divides by the mini-batch size.
 */
final class LossSoftmaxCrossEntropyOnLogits implements ILossFunction {
    private static final long serialVersionUID = 1L;

    @Override
    public INDArray computeScoreArray(INDArray labels, INDArray preOutput, IActivation activation, INDArray mask) {
        return logSoftmax(logits(preOutput, activation)).muli(labels).sum(true, 1).negi();
    }

    @Override
    public double computeScore(INDArray labels, INDArray preOutput, IActivation activation, INDArray mask, boolean average) {
        double total = computeScoreArray(labels, preOutput, activation, mask).sumNumber().doubleValue();
        return average ? total / labels.size(0) : total;
    }

    @Override
    public INDArray computeGradient(INDArray labels, INDArray preOutput, IActivation activation, INDArray mask) {
        INDArray logits = logits(preOutput, activation);
        INDArray gradient = logits.ulike();
        Nd4j.exec(new SoftMax(logits, gradient)); // one fused op, which shifts each row by its maximum
        gradient.subi(labels); // softmax − one-hot
        return activation instanceof ActivationIdentity ? gradient : activation.backprop(preOutput.dup(), gradient).getFirst();
    }

    @Override
    public Pair<Double, INDArray> computeGradientAndScore(INDArray labels, INDArray preOutput, IActivation activation,
                                                          INDArray mask, boolean average) {
        return new Pair<>(computeScore(labels, preOutput, activation, mask, average),
                computeGradient(labels, preOutput, activation, mask));
    }

    @Override
    public String name() {
        return "SoftmaxCrossEntropyOnLogits";
    }

    /**
     * The output layer's logits. DL4J applies activations in place, so any other than the identity (which returns its
     * input untouched) gets a copy.
     */
    private static INDArray logits(INDArray preOutput, IActivation activation) {
        return activation instanceof ActivationIdentity ? preOutput : activation.getActivation(preOutput.dup(), true);
    }

    /**
     * log softmax per row, shifted by the row maximum so that large logits cannot overflow, and as the shifted logit
     * minus the log of the row's sum, so that a logit far below the others keeps a finite log-probability (ND4J's
     * {@code log_softmax} takes the log of the softmax, which is -∞ there).
     */
    private static INDArray logSoftmax(INDArray logits) {
        INDArray shifted = logits.subColumnVector(logits.max(true, 1));
        INDArray logSum = Transforms.log(Transforms.exp(shifted, true).sum(true, 1), false);
        return shifted.subiColumnVector(logSum);
    }
}
