package dev.polydl.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The oracle's own proof: every analytic gradient equals a central finite difference. */
class ReferenceNetworkTest {
    private static final double STEP = 1e-6;

    /** Every layer type the canonical models use, small enough to check every single weight. */
    private static final ModelSpec SMALL_CNN = new ModelSpec("small-cnn", new int[] {2, 6, 6}, List.of(
            new Layer.Conv2d("conv1", 2, 3, 3), new Layer.Relu(), new Layer.MaxPool2d(2), new Layer.Flatten(),
            new Layer.Dense("fc1", 12, 5), new Layer.Relu(), new Layer.Dropout(0.3),
            new Layer.Dense("fc2", 5, 4)), Loss.SOFTMAX_CROSS_ENTROPY, Init.GLOROT_UNIFORM);

    private static final ModelSpec SMALL_REGRESSION = new ModelSpec("small-mse", new int[] {4}, List.of(
            new Layer.Dense("fc1", 4, 6), new Layer.Relu(), new Layer.Dense("fc2", 6, 3)),
            Loss.MEAN_SQUARED_ERROR, Init.GLOROT_UNIFORM);

    @Test
    @DisplayName("dense, conv, ReLU, max-pool, flatten and softmax cross-entropy gradients equal finite differences")
    void classifierGradients() {
        Batch batch = randomBatch(SMALL_CNN, 3, 11);
        assertGradientsMatchFiniteDifferences(SMALL_CNN, batch, 101);
    }

    @Test
    @DisplayName("MSE gradients equal finite differences")
    void regressionGradients() {
        Batch batch = randomBatch(SMALL_REGRESSION, 5, 12);
        assertGradientsMatchFiniteDifferences(SMALL_REGRESSION, batch, 102);
    }

    @Test
    @DisplayName("train-mode dropout gradients equal finite differences under a fixed mask")
    void dropoutGradients() {
        ModelSpec spec = new ModelSpec("dropout", new int[] {4}, List.of(new Layer.Dense("fc1", 4, 8),
                new Layer.Dropout(0.5), new Layer.Dense("fc2", 8, 3)), Loss.SOFTMAX_CROSS_ENTROPY, Init.GLOROT_UNIFORM);
        ReferenceNetwork network = new ReferenceNetwork(spec, Parameters.glorotUniform(spec, 5));
        Batch batch = randomBatch(spec, 4, 13);
        double[] x = ReferenceNetwork.toDouble(batch.inputs());
        double[] out = network.forward(x, batch.size(), Mode.TRAIN, new SplittableRandom(77));
        network.backward(out, batch);
        double[] analytic = network.gradients().get("fc1.weight").clone();
        double[] w = network.weights().get("fc1.weight");
        int zeros = 0;
        for (int i = 0; i < w.length; i++) {
            double saved = w[i];
            w[i] = saved + STEP;
            double plus = network.loss(network.forward(x, batch.size(), Mode.TRAIN, new SplittableRandom(77)), batch);
            w[i] = saved - STEP;
            double minus = network.loss(network.forward(x, batch.size(), Mode.TRAIN, new SplittableRandom(77)), batch);
            w[i] = saved;
            assertClose("fc1.weight[" + i + "]", analytic[i], (plus - minus) / (2 * STEP));
            zeros += analytic[i] == 0 ? 1 : 0;
        }
        assertTrue(zeros > 0 && zeros < w.length, "the mask dropped some but not all units");
    }

    @Test
    @DisplayName("eval mode is the identity for dropout, train mode scales survivors by 1/(1 − rate)")
    void dropoutModes() {
        ModelSpec spec = new ModelSpec("d", new int[] {1000}, List.of(new Layer.Dropout(0.25)), Loss.MEAN_SQUARED_ERROR, Init.ZEROS);
        ReferenceNetwork network = new ReferenceNetwork(spec, Parameters.initial(spec, 0));
        double[] ones = new double[1000];
        Arrays.fill(ones, 1);
        double[] eval = network.forward(ones, 1, Mode.EVAL, null);
        assertEquals(1000, Arrays.stream(eval).filter(v -> v == 1).count());
        double[] train = network.forward(ones, 1, Mode.TRAIN, new SplittableRandom(3));
        long dropped = Arrays.stream(train).filter(v -> v == 0).count();
        long kept = Arrays.stream(train).filter(v -> Math.abs(v - 1 / 0.75) < 1e-12).count();
        assertEquals(1000, dropped + kept);
        assertTrue(dropped > 200 && dropped < 300, "dropped " + dropped + " of 1000 at rate 0.25");
    }

    @Test
    @DisplayName("an SGD step moves every weight by −lr·g")
    void sgdStep() {
        ReferenceNetwork network = new ReferenceNetwork(SMALL_REGRESSION, Parameters.glorotUniform(SMALL_REGRESSION, 3));
        Batch batch = randomBatch(SMALL_REGRESSION, 4, 14);
        double[] out = network.forward(ReferenceNetwork.toDouble(batch.inputs()), batch.size(), Mode.TRAIN, null);
        network.backward(out, batch);
        double[] before = network.weights().get("fc2.weight").clone();
        double[] gradient = network.gradients().get("fc2.weight").clone();
        network.update(new Optimizer.Sgd(0.3));
        double[] after = network.weights().get("fc2.weight");
        for (int i = 0; i < before.length; i++) {
            assertEquals(before[i] - 0.3 * gradient[i], after[i], 1e-15);
        }
    }

    @Test
    @DisplayName("two Adam steps follow Optimizer.Adam's formulas, with ε added to √v̂")
    void adamSteps() {
        ModelSpec spec = new ModelSpec("one", new int[] {1}, List.of(new Layer.Dense("fc", 1, 1)), Loss.MEAN_SQUARED_ERROR, Init.ZEROS);
        ReferenceNetwork network = new ReferenceNetwork(spec, Parameters.initial(spec, 0));
        Optimizer.Adam adam = new Optimizer.Adam(0.1, 0.9, 0.999, 0.5); // a large ε makes its placement visible
        Batch batch = Batch.regression(1, new float[] {2}, new float[] {3});
        double w = 0;
        double b = 0;
        double mw = 0;
        double vw = 0;
        for (int t = 1; t <= 2; t++) {
            double prediction = w * 2 + b;
            double gw = 2 * (prediction - 3) * 2;
            network.trainStep(batch, adam, null);
            mw = 0.9 * mw + 0.1 * gw;
            vw = 0.999 * vw + 0.001 * gw * gw;
            double mHat = mw / (1 - Math.pow(0.9, t));
            double vHat = vw / (1 - Math.pow(0.999, t));
            w -= 0.1 * mHat / (Math.sqrt(vHat) + 0.5);
            b = network.weights().get("fc.bias")[0];
            assertEquals(w, network.weights().get("fc.weight")[0], 1e-15, "weight after step " + t);
        }
    }

    private static void assertGradientsMatchFiniteDifferences(ModelSpec spec, Batch batch, long seed) {
        ReferenceNetwork network = new ReferenceNetwork(spec, Parameters.glorotUniform(spec, seed));
        // Biases start at zero: move them off it so that their gradients are exercised at a generic point.
        SplittableRandom random = new SplittableRandom(seed);
        for (Map.Entry<String, double[]> entry : network.weights().entrySet()) {
            if (entry.getKey().endsWith(".bias")) {
                for (int i = 0; i < entry.getValue().length; i++) {
                    entry.getValue()[i] = random.nextDouble(-0.1, 0.1);
                }
            }
        }
        double[] x = ReferenceNetwork.toDouble(batch.inputs());
        network.backward(network.forward(x, batch.size(), Mode.EVAL, null), batch);
        int checked = 0;
        for (ParameterSpec parameter : spec.parameters()) {
            double[] w = network.weights().get(parameter.name());
            double[] analytic = network.gradients().get(parameter.name()).clone();
            for (int i = 0; i < w.length; i++) {
                double saved = w[i];
                w[i] = saved + STEP;
                double plus = network.loss(network.forward(x, batch.size(), Mode.EVAL, null), batch);
                w[i] = saved - STEP;
                double minus = network.loss(network.forward(x, batch.size(), Mode.EVAL, null), batch);
                w[i] = saved;
                assertClose(parameter.name() + "[" + i + "]", analytic[i], (plus - minus) / (2 * STEP));
                checked++;
            }
        }
        assertEquals(spec.parameterCount(), checked, "every parameter was checked");
    }

    private static void assertClose(String what, double analytic, double numeric) {
        double tolerance = 1e-7 + 1e-5 * Math.max(Math.abs(analytic), Math.abs(numeric));
        assertTrue(Math.abs(analytic - numeric) <= tolerance,
                what + ": analytic " + analytic + " vs finite difference " + numeric);
    }

    private static Batch randomBatch(ModelSpec spec, int size, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] inputs = new float[size * spec.inputSize()];
        for (int i = 0; i < inputs.length; i++) {
            inputs[i] = (float) random.nextDouble(-1, 1);
        }
        if (spec.loss() == Loss.MEAN_SQUARED_ERROR) {
            float[] targets = new float[size * spec.outputSize()];
            for (int i = 0; i < targets.length; i++) {
                targets[i] = (float) random.nextDouble(-1, 1);
            }
            return Batch.regression(size, inputs, targets);
        }
        int[] labels = new int[size];
        for (int i = 0; i < size; i++) {
            labels[i] = random.nextInt(spec.outputSize());
        }
        return Batch.classification(inputs, labels);
    }
}
