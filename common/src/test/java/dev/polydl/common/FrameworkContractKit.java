package dev.polydl.common;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The contract every framework module must pass, written once. A module runs it with a subclass
 * of a few lines that names its framework id:
 *
 * <pre>
 * class TensorFlowContractIT extends FrameworkContractKit {
 *     TensorFlowContractIT() { super("tensorflow"); }
 * }
 * </pre>
 *
 * <p>For each canonical model and each {@link Device} it checks the parameter spec, forward logits
 * and {@value #SGD_STEPS} SGD and {@value #ADAM_STEPS} Adam steps against the double-precision
 * {@link ReferenceNetwork} (max abs difference ≤ {@value #PARITY_TOLERANCE}), train/eval mode, that
 * a short run learns, exact parameter round trips, and that argsort reaches
 * {@value #ARGSORT_MIN_SCORE} %. A device or input layout the framework cannot use here is skipped
 * with the framework's reason, never passed. Every measured deviation goes to {@link ParityLog}.
 * The transfer group also checks that training leaves the frozen features bit-identical and that the
 * pretraining network (the same one with nothing frozen) trains every layer.
 * The channels-last CNN group feeds MNIST's single channel, where NHWC and NCHW hold the same bytes:
 * it checks the channels-last graph, not a multi-channel transpose.
 */
public abstract class FrameworkContractKit {
    /** Max abs difference allowed between a framework (float32) and the reference (float64). */
    public static final double PARITY_TOLERANCE = 1e-4;
    static final int SGD_STEPS = 5;
    static final int ADAM_STEPS = 3;
    static final int TRANSFER_STEPS = 5;
    static final double ARGSORT_MIN_SCORE = 99.0;
    static final long SEED = 42;

    private static final int PARITY_BATCH = 16;
    private static final int SHORT_RUN_STEPS = 15;
    private static final int SHORT_RUN_BATCH = 32;
    private static final int LOSS_PROBE_SIZE = 256;

    private final String frameworkId;

    protected FrameworkContractKit(String frameworkId) {
        this.frameworkId = frameworkId;
    }

    /** The framework under test; by default the one registered under the id. */
    protected Framework framework() {
        return Frameworks.byId(frameworkId);
    }

    /** The number of CPU threads given to the engine ({@code -Dpolydl.threads}, default 2). */
    protected int threads() {
        return Integer.getInteger("polydl.threads", 2);
    }

    @Test
    @DisplayName("is registered with ServiceLoader under its id and reports versions")
    void registeredAndDescribed() {
        Framework framework = framework();
        assertEquals(frameworkId, framework.id());
        assertEquals(framework.getClass(), Frameworks.byId(frameworkId).getClass());
        assertFalse(framework.frameworkVersion().isBlank(), "framework version");
        assertFalse(framework.nativeVersion().isBlank(), "native version");
        assertTrue(framework.support(Device.CPU).usable(), "every framework must run on the CPU");
        for (Device device : Device.values()) {
            assertFalse(framework.support(device).reason().isBlank(), "a reason for " + device);
        }
    }

    @Test
    @DisplayName("its own matrix product (the benchmarks' peak GFLOP/s) computes A·B, call after call")
    void matrixProductComputesTheProduct() {
        int n = 96;
        float[][] inputs = MatrixProduct.uniformInputs(n, SEED);
        float[] a = inputs[0];
        float[] b = inputs[1];
        MatrixProduct product;
        try {
            product = framework().matrixProduct(a, b, n, Device.CPU, threads());
        } catch (UnsupportedOperationException e) {
            Assumptions.abort(frameworkId + ": " + e.getMessage());
            return;
        }
        // float32 rounding moves the sum by far less than this; A·Bᵀ or Aᵀ·B moves it by hundreds.
        double tolerance = 1e-6 * n * n * n;
        double expected = MatrixProduct.expectedSum(a, b, n);
        try (product) {
            assertEquals(n, product.size());
            assertEquals(expected, product.multiply(), tolerance);
            assertEquals(expected, product.multiply(), tolerance);
        }
    }

    @Nested
    @DisplayName("FCN")
    class Fcn extends ClassifierContract {
        Fcn() {
            super(ModelSpec.FCN, 0.05);
        }
    }

    @Nested
    @DisplayName("CNN")
    class Cnn extends ClassifierContract {
        Cnn() {
            super(ModelSpec.CNN, 0.05);
        }
    }

    @Nested
    @DisplayName("CNN fed channels-last (NHWC)")
    class CnnChannelsLast extends ClassifierContract {
        CnnChannelsLast() {
            super(ModelSpec.CNN, 0.05);
            layout = InputLayout.CHANNELS_LAST;
        }
    }

    @Nested
    @DisplayName("transfer (CNN features frozen, head trained; digits 5–9 as 0–4)")
    class Transfer extends ClassifierContract {
        Transfer() {
            super(ModelSpec.TRANSFER, 0.05);
        }

        @Override
        TrainTestSplit data() {
            return Fixtures.transfer().target();
        }

        @ParameterizedTest(name = "{0}")
        @EnumSource(Device.class)
        @DisplayName(TRANSFER_STEPS + " Adam steps with dropout leave the frozen features bit-identical and change every head parameter")
        void frozenFeaturesStayBitIdentical(Device device) {
            Parameters pretrained = Parameters.glorotUniform(model, SEED + 3);
            Parameters start = Parameters.transferred(model, pretrained, SEED);
            try (TrainingSession session = open(device, model, Optimizer.Adam.defaults())) {
                session.setParameters(start);
                for (Batch batch : trainingBatches(TRANSFER_STEPS, SHORT_RUN_BATCH)) {
                    session.trainStep(feed(batch));
                }
                Parameters trained = session.getParameters();
                for (ParameterSpec parameter : model.parameters()) {
                    Tensor before = start.get(parameter.name());
                    Tensor after = trained.get(parameter.name());
                    if (model.isFrozen(parameter.name())) {
                        assertArrayEquals(pretrained.get(parameter.name()).data(), after.data(),
                                "frozen " + parameter.name() + " changed in training");
                    } else {
                        assertFalse(Arrays.equals(before.data(), after.data()), "head parameter " + parameter.name()
                                + " did not change in " + TRANSFER_STEPS + " steps: is it frozen too?");
                    }
                }
            }
        }

        @ParameterizedTest(name = "{0}")
        @EnumSource(Device.class)
        @DisplayName("the pretraining network (nothing frozen) trains every layer: " + SGD_STEPS + " SGD steps match the reference network")
        void pretrainingTrainsEveryLayer(Device device) {
            ModelSpec pretraining = model.unfrozen().withoutDropout();
            Parameters weights = Parameters.glorotUniform(model, SEED + 1);
            Optimizer sgd = new Optimizer.Sgd(sgdRate);
            ReferenceNetwork reference = new ReferenceNetwork(pretraining, weights);
            try (TrainingSession session = open(device, pretraining, sgd)) {
                session.setParameters(weights);
                for (Batch batch : trainingBatches(SGD_STEPS, PARITY_BATCH)) {
                    reference.trainStep(batch, sgd, new SplittableRandom(0));
                    session.trainStep(feed(batch));
                }
                double deviation = reference.parameters().maxAbsDifference(session.getParameters());
                ParityLog.record(framework().id(), "transfer-pretraining", device, "sgd-" + SGD_STEPS + "-steps-parameters",
                        deviation, PARITY_TOLERANCE);
                assertTrue(deviation <= PARITY_TOLERANCE, "pretraining parameters deviate from the reference by " + deviation);
            }
        }
    }

    @Nested
    @DisplayName("argsort")
    class Argsort extends ModelContract {
        Argsort() {
            super(ModelSpec.ARGSORT, 0.5);
        }

        @Override
        Batch parityBatch() {
            return ArgsortData.generate(model.inputSize(), PARITY_BATCH, Seeds.derive(SEED, 1000));
        }

        @Override
        List<Batch> trainingBatches(int count, int size) {
            List<Batch> batches = new ArrayList<>();
            for (int step = 0; step < count; step++) {
                batches.add(ArgsortData.generate(model.inputSize(), size, Seeds.derive(SEED, step)));
            }
            return batches;
        }

        @Override
        Batch lossProbe() {
            return ArgsortData.generate(model.inputSize(), LOSS_PROBE_SIZE, Seeds.derive(SEED, 2000));
        }

        @Override
        Optimizer shortRunOptimizer() {
            return new Optimizer.Sgd(0.5);
        }

        @ParameterizedTest(name = "{0}")
        @EnumSource(Device.class)
        @DisplayName("500 SGD steps (lr 0.5, batch 10 000) from zeros sort ≥ 99 % of a fresh test set")
        void learnsToSort(Device device) {
            try (TrainingSession session = open(device, model, new Optimizer.Sgd(0.5))) {
                assertEquals(0.0, maxAbs(session.getParameters()), "argsort starts from zeros");
                int n = model.inputSize();
                for (int step = 0; step < 500; step++) {
                    float loss = session.trainStep(ArgsortData.generate(n, 10_000, Seeds.derive(SEED, step)));
                    assertTrue(Float.isFinite(loss), "loss became " + loss + " at step " + step);
                }
                Batch test = ArgsortData.generate(n, 10_000, Seeds.derive(SEED, 999_999));
                double score = ArgsortData.score(session.predict(test, Mode.EVAL), test.targets());
                System.out.printf(Locale.ROOT, "[kit] %s argsort %s score after 500 steps: %.2f %%%n", framework().id(), device.id(), score);
                assertTrue(score >= ARGSORT_MIN_SCORE, "argsort score " + score + " % < " + ARGSORT_MIN_SCORE + " %");
            }
        }
    }

    /** FCN and CNN: classifiers on MNIST digits, with dropout. */
    abstract class ClassifierContract extends ModelContract {
        ClassifierContract(ModelSpec model, double sgdRate) {
            super(model, sgdRate);
        }

        /** The images this group trains and tests on. */
        TrainTestSplit data() {
            return Fixtures.split();
        }

        @Override
        Batch parityBatch() {
            return data().test().batch(0, PARITY_BATCH);
        }

        @Override
        List<Batch> trainingBatches(int count, int size) {
            List<Batch> batches = new ArrayList<>();
            Iterator<Batch> epoch = new MiniBatches(data().train(), size, SEED).epoch(0).iterator();
            while (batches.size() < count) {
                batches.add(epoch.next());
            }
            return batches;
        }

        @Override
        Batch lossProbe() {
            return data().test().batch(0, LOSS_PROBE_SIZE);
        }

        @Override
        Optimizer shortRunOptimizer() {
            return Optimizer.Adam.defaults();
        }

        @ParameterizedTest(name = "{0}")
        @EnumSource(Device.class)
        @DisplayName("train mode applies dropout")
        void trainModeAppliesDropout(Device device) {
            try (TrainingSession session = open(device, model, new Optimizer.Sgd(sgdRate))) {
                Batch batch = parityBatch();
                float[] eval = session.predict(feed(batch), Mode.EVAL);
                float[] train1 = session.predict(feed(batch), Mode.TRAIN);
                float[] train2 = session.predict(feed(batch), Mode.TRAIN);
                assertFalse(Arrays.equals(eval, train1), "train-mode outputs equal eval-mode outputs: no dropout");
                assertFalse(Arrays.equals(train1, train2), "two train-mode passes drew the same dropout masks");
            }
        }
    }

    /** The cases every model must pass. */
    abstract class ModelContract {
        final ModelSpec model;
        final double sgdRate;
        InputLayout layout = InputLayout.CHANNELS_FIRST;

        ModelContract(ModelSpec model, double sgdRate) {
            this.model = model;
            this.sgdRate = sgdRate;
        }

        abstract Batch parityBatch();

        abstract List<Batch> trainingBatches(int count, int size);

        abstract Batch lossProbe();

        abstract Optimizer shortRunOptimizer();

        TrainingSession open(Device device, ModelSpec spec, Optimizer optimizer) {
            DeviceSupport support = framework().support(device);
            Assumptions.assumeTrue(support.usable(), () -> frameworkId + " cannot use " + device.id() + " here: " + support.reason());
            Assumptions.assumeTrue(framework().inputLayouts().contains(layout),
                    () -> frameworkId + " builds no " + layout + " variant (it accepts " + framework().inputLayouts() + ")");
            return framework().open(new SessionConfig(spec, device, optimizer, SEED, threads(), layout));
        }

        /** A canonical batch in the layout this group feeds its sessions. */
        Batch feed(Batch canonical) {
            return layout.arrange(canonical, model.inputShape());
        }

        @ParameterizedTest(name = "{0}")
        @EnumSource(Device.class)
        @DisplayName("parameter names, shapes and count equal the spec; a new session holds the canonical initial weights")
        void parametersMatchSpec(Device device) {
            try (TrainingSession session = open(device, model, new Optimizer.Sgd(sgdRate))) {
                Parameters parameters = session.getParameters();
                parameters.validate(model);
                assertEquals(model.parameterCount(), parameters.count());
                assertEquals(Parameters.initial(model, SEED), parameters, "the session did not start from Parameters.initial");
            }
        }

        @ParameterizedTest(name = "{0}")
        @EnumSource(Device.class)
        @DisplayName("eval-mode outputs match the reference network")
        void forwardMatchesReference(Device device) {
            Parameters weights = Parameters.glorotUniform(model, SEED + 1);
            Batch batch = parityBatch();
            try (TrainingSession session = open(device, model, new Optimizer.Sgd(sgdRate))) {
                session.setParameters(weights);
                float[] outputs = session.predict(feed(batch), Mode.EVAL);
                ParityLog.recordOutputs(framework().id(), caseName(), device, outputs);
                ReferenceNetwork reference = new ReferenceNetwork(model, weights);
                double[] expected = reference.forward(ReferenceNetwork.toDouble(batch.inputs()), batch.size(), Mode.EVAL, null);
                assertClose("forward", device, expected, outputs);
            }
        }

        @ParameterizedTest(name = "{0}")
        @EnumSource(Device.class)
        @DisplayName(SGD_STEPS + " SGD steps: every loss and every parameter match the reference network")
        void sgdStepsMatchReference(Device device) {
            assertStepsMatchReference(device, new Optimizer.Sgd(sgdRate), SGD_STEPS, "sgd");
        }

        @ParameterizedTest(name = "{0}")
        @EnumSource(Device.class)
        @DisplayName(ADAM_STEPS + " Adam steps: every loss and every parameter match the reference network (ε placed as Optimizer.Adam defines)")
        void adamStepsMatchReference(Device device) {
            // ε = 1e-4, not the default 1e-8: near-zero gradients make lr·g/(|g| + 1e-8) swing with float32
            // rounding of g, which would test noise. At 1e-4 rounding is damped, while ε on the uncorrected √v
            // (3e-3 at step 1) still moves the steps by ~1e-3.
            assertStepsMatchReference(device, new Optimizer.Adam(1e-3, 0.9, 0.999, 1e-4), ADAM_STEPS, "adam");
        }

        /** Trains the framework and the reference side by side on the same batches, without dropout. */
        private void assertStepsMatchReference(Device device, Optimizer optimizer, int steps, String name) {
            ModelSpec plain = model.withoutDropout(); // no two frameworks draw the same dropout masks
            Parameters weights = Parameters.glorotUniform(model, SEED + 1);
            ReferenceNetwork reference = new ReferenceNetwork(plain, weights);
            double lossDeviation = 0;
            try (TrainingSession session = open(device, plain, optimizer)) {
                session.setParameters(weights);
                for (Batch batch : trainingBatches(steps, PARITY_BATCH)) {
                    double expected = reference.trainStep(batch, optimizer, new SplittableRandom(0));
                    lossDeviation = Math.max(lossDeviation, Math.abs(session.trainStep(feed(batch)) - expected));
                }
                double parameterDeviation = reference.parameters().maxAbsDifference(session.getParameters());
                String check = name + "-" + steps + "-steps";
                ParityLog.record(framework().id(), caseName(), device, check + "-loss", lossDeviation, PARITY_TOLERANCE);
                ParityLog.record(framework().id(), caseName(), device, check + "-parameters", parameterDeviation, PARITY_TOLERANCE);
                assertTrue(lossDeviation <= PARITY_TOLERANCE, "loss deviates from the reference by " + lossDeviation);
                assertTrue(parameterDeviation <= PARITY_TOLERANCE, "parameters deviate from the reference by " + parameterDeviation
                        + " after " + steps + " " + name + " steps");
            }
        }

        @ParameterizedTest(name = "{0}")
        @EnumSource(Device.class)
        @DisplayName("eval mode is deterministic and dropout-free")
        void evalIsDeterministic(Device device) {
            Parameters weights = Parameters.glorotUniform(model, SEED + 1);
            Batch batch = parityBatch();
            try (TrainingSession session = open(device, model, new Optimizer.Sgd(sgdRate));
                 TrainingSession plain = open(device, model.withoutDropout(), new Optimizer.Sgd(sgdRate))) {
                session.setParameters(weights);
                plain.setParameters(weights);
                float[] first = session.predict(feed(batch), Mode.EVAL);
                assertArrayEquals(first, session.predict(feed(batch), Mode.EVAL), "two eval passes differ");
                float[] withoutDropout = plain.predict(feed(batch), Mode.EVAL);
                double deviation = maxAbsDifference(first, withoutDropout);
                assertTrue(deviation <= PARITY_TOLERANCE, "eval outputs differ from the same network without dropout by " + deviation);
            }
        }

        @ParameterizedTest(name = "{0}")
        @EnumSource(Device.class)
        @DisplayName("a short training run lowers the loss")
        void shortRunLowersLoss(Device device) {
            Batch probe = lossProbe();
            try (TrainingSession session = open(device, model, shortRunOptimizer())) {
                if (model.init() == Init.ZEROS) {
                    session.setParameters(Parameters.glorotUniform(model, SEED + 1)); // zeros would make this test trivial
                }
                double before = Metrics.loss(model.loss(), session.predict(feed(probe), Mode.EVAL), probe);
                for (Batch batch : trainingBatches(SHORT_RUN_STEPS, SHORT_RUN_BATCH)) {
                    float loss = session.trainStep(feed(batch));
                    assertTrue(Float.isFinite(loss), "training loss became " + loss);
                }
                double after = Metrics.loss(model.loss(), session.predict(feed(probe), Mode.EVAL), probe);
                System.out.printf(Locale.ROOT, "[kit] %s %s %s held-out loss %.4f -> %.4f after %d steps%n",
                        framework().id(), caseName(), device.id(), before, after, SHORT_RUN_STEPS);
                assertTrue(after < 0.9 * before, "loss went from " + before + " to " + after + " in " + SHORT_RUN_STEPS + " steps");
            }
        }

        @ParameterizedTest(name = "{0}")
        @EnumSource(Device.class)
        @DisplayName("set → get and save → load round-trip the parameters exactly")
        void parametersRoundTrip(Device device, @TempDir Path directory) throws Exception {
            Parameters weights = Parameters.glorotUniform(model, SEED + 7);
            try (TrainingSession session = open(device, model, new Optimizer.Sgd(sgdRate))) {
                session.setParameters(weights);
                Parameters read = session.getParameters();
                assertEquals(weights, read, "set → get changed the parameters");
                Path file = directory.resolve(model.name() + ".safetensors");
                read.save(file);
                Parameters loaded = Parameters.load(file, model);
                assertEquals(weights, loaded, "save → load changed the parameters");
                session.setParameters(Parameters.initial(model, SEED));
                session.setParameters(loaded);
                assertEquals(weights, session.getParameters(), "load → set → get changed the parameters");
            }
        }

        /** The model's name, with the layout when it is not the canonical one. */
        String caseName() {
            return layout == InputLayout.CHANNELS_FIRST ? model.name() : model.name() + "-nhwc";
        }

        void assertClose(String check, Device device, double[] expected, float[] actual) {
            assertEquals(expected.length, actual.length, "number of outputs");
            double deviation = 0;
            for (int i = 0; i < expected.length; i++) {
                deviation = Math.max(deviation, Math.abs(actual[i] - expected[i]));
            }
            ParityLog.record(framework().id(), caseName(), device, check, deviation, PARITY_TOLERANCE);
            assertTrue(deviation <= PARITY_TOLERANCE, check + ": max |Δ| " + deviation + " > " + PARITY_TOLERANCE);
        }
    }

    private static double maxAbsDifference(float[] a, float[] b) {
        assertEquals(a.length, b.length, "number of outputs");
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs((double) a[i] - b[i]));
        }
        return max;
    }

    private static double maxAbs(Parameters parameters) {
        double max = 0;
        for (Tensor tensor : parameters.tensors().values()) {
            for (int i = 0; i < tensor.size(); i++) {
                max = Math.max(max, Math.abs(tensor.get(i)));
            }
        }
        return max;
    }

    /** Data shared by every case, loaded once per JVM. */
    static final class Fixtures {
        private static TrainTestSplit split;
        private static TransferData transfer;

        private Fixtures() {
        }

        static synchronized TrainTestSplit split() {
            if (split == null) {
                split = EmbeddedMnist.split(SEED);
            }
            return split;
        }

        static synchronized TransferData transfer() {
            if (transfer == null) {
                transfer = TransferData.byClass(split());
            }
            return transfer;
        }
    }
}
