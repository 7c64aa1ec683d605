package dev.polydl.dl4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The loss on ND4J's softmax ops, against the same sums in double precision. */
class LossSoftmaxCrossEntropyOnLogitsTest {
    private final LossSoftmaxCrossEntropyOnLogits loss = new LossSoftmaxCrossEntropyOnLogits();

    private static double[] softmax(double... logits) {
        double max = Double.NEGATIVE_INFINITY;
        for (double logit : logits) {
            max = Math.max(max, logit);
        }
        double sum = 0;
        for (double logit : logits) {
            sum += Math.exp(logit - max);
        }
        double[] probabilities = new double[logits.length];
        for (int i = 0; i < logits.length; i++) {
            probabilities[i] = Math.exp(logits[i] - max) / sum;
        }
        return probabilities;
    }

    @Test
    void scoresAndGradientsAreSoftmaxCrossEntropyOfTheLogits() {
        INDArray logits = Nd4j.createFromArray(new float[][] {{1f, 2f, 0.5f}, {-1f, 0f, 3f}});
        INDArray labels = Nd4j.createFromArray(new float[][] {{0f, 1f, 0f}, {1f, 0f, 0f}});
        double[] first = softmax(1, 2, 0.5);
        double[] second = softmax(-1, 0, 3);
        assertArrayEquals(new float[] {(float) -Math.log(first[1]), (float) -Math.log(second[0])},
                loss.computeScoreArray(labels, logits, new ActivationIdentity(), null).data().asFloat(), 1e-6f);
        assertEquals((-Math.log(first[1]) - Math.log(second[0])) / 2, loss.computeScore(labels, logits, new ActivationIdentity(), null, true), 1e-6);
        assertArrayEquals(new float[] {(float) first[0], (float) first[1] - 1, (float) first[2], (float) second[0] - 1, (float) second[1], (float) second[2]},
                loss.computeGradient(labels, logits, new ActivationIdentity(), null).data().asFloat(), 1e-6f);
        assertArrayEquals(new float[] {1f, 2f, 0.5f, -1f, 0f, 3f}, logits.data().asFloat(), "the logits stay as they were");
    }

    @Test
    void aTrueClassFarBelowTheOthersStillHasAFiniteScore() {
        // exp(-200) underflows in float: a log of the softmax would be -∞
        INDArray logits = Nd4j.createFromArray(new float[][] {{0f, 200f}});
        INDArray labels = Nd4j.createFromArray(new float[][] {{1f, 0f}});
        assertEquals(200.0, loss.computeScore(labels, logits, new ActivationIdentity(), null, true), 1e-3);
    }
}
