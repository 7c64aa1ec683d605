package dev.polydl.harness.worker;

import dev.polydl.common.ArgsortData;
import dev.polydl.common.Batch;
import dev.polydl.common.Framework;
import dev.polydl.common.Frameworks;
import dev.polydl.common.InputLayout;
import dev.polydl.common.Metrics;
import dev.polydl.common.Mode;
import dev.polydl.common.ModelSpec;
import dev.polydl.common.Parameters;
import dev.polydl.common.MiniBatches;
import dev.polydl.common.Seeds;
import dev.polydl.common.SessionConfig;
import dev.polydl.common.TrainTestSplit;
import dev.polydl.common.TrainingSession;
import dev.polydl.common.TransferData;
import dev.polydl.harness.run.CellResult;
import dev.polydl.harness.run.CellSpec;
import dev.polydl.harness.run.InterferenceMeter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/**
 * Runs one training cell inside the worker JVM. A first session is built and makes the first prediction
 * (both timed cold) and is closed; throwaway sessions then warm the JVM up; a fresh session then trains the
 * timed epochs, makes the steady predictions and saves its weights.
 */
final class TrainCell {
    /** Steady prediction is timed over this many passes over the test set. */
    private static final int PREDICT_PASSES = 3;

    private final CellSpec spec;
    private final Path weightsFile;

    TrainCell(CellSpec spec, Path weightsFile) {
        this.spec = spec;
        this.weightsFile = weightsFile;
    }

    CellResult run() {
        String startedAt = Instant.now().toString();
        long start = System.nanoTime();
        ModelSpec model = spec.model();
        InputLayout layout = spec.inputLayout();

        long dataStart = System.nanoTime();
        TaskData data = TaskData.load(spec);
        double dataPrepMs = millisSince(dataStart);

        Framework framework = Frameworks.byId(spec.framework());
        framework.requireUsable(spec.deviceValue());
        SessionConfig config = new SessionConfig(model, spec.deviceValue(), spec.optimizerValue(), spec.seed(), spec.threads(), layout);
        ColdStart cold;
        long buildStart = System.nanoTime();
        try (TrainingSession session = framework.open(config)) {
            cold = coldStart(session, buildStart, data);
        }
        CellResult.WarmUp warmUp = spec.warmUpSeconds() <= 0 ? null : WarmUp.train(CellResult.WarmUp.minSteps(), () -> framework.open(config),
                session -> replay(session, data), spec.epochs(), spec.warmUpSeconds(),
                session -> evaluate(session, data, layout, model, null));
        Pretraining.Outcome pretraining = spec.isTransfer() ? Pretraining.run(framework, config, spec, data.pretraining()) : null;
        try (TrainingSession session = framework.open(config)) {
            if (pretraining != null && pretraining.divergence() == null) {
                session.setParameters(Parameters.transferred(model, pretraining.parameters(), spec.seed()));
            }
            List<Double> losses = new ArrayList<>();
            List<Double> stepMs = new ArrayList<>();
            List<Double> epochSeconds = new ArrayList<>();
            List<Double> epochRates = new ArrayList<>();
            List<Double> epochMetric = new ArrayList<>();
            List<CellResult.Interference> interference = new ArrayList<>();
            InterferenceMeter meter = new InterferenceMeter();
            double batchPrepMs = 0;
            int steps = data.batchesPerEpoch(spec.batchSize());
            String status = pretraining != null && pretraining.divergence() != null ? CellResult.DIVERGED : CellResult.OK;
            String reason = status.equals(CellResult.OK) ? null : pretraining.divergence();
            for (int epoch = 0; epoch < spec.epochs() && status.equals(CellResult.OK); epoch++) {
                long prepStart = System.nanoTime();
                List<Batch> batches = arrangedEpoch(data, epoch);
                batchPrepMs += millisSince(prepStart);

                Progress progress = new Progress(epoch + 1, spec.epochs(), spec.maxSteps() > 0 ? Math.min(steps, spec.maxSteps()) : steps);
                meter.restart();
                long epochStart = System.nanoTime();
                int stepsThisEpoch = spec.maxSteps() > 0 ? Math.min(batches.size(), spec.maxSteps() - losses.size()) : batches.size();
                StepLoop.Outcome outcome = StepLoop.train(session, batches, 0, stepsThisEpoch, losses, stepMs, progress, epochStart);
                if (outcome.diverged()) {
                    status = CellResult.DIVERGED;
                    reason = outcome.divergence("training", epoch);
                    break;
                }
                double seconds = (System.nanoTime() - epochStart) / 1e9;
                interference.add(meter.sinceRestart());
                epochSeconds.add(seconds);
                epochRates.add(outcome.samples() / seconds);
                epochMetric.add(evaluate(session, data, layout, model, null));
                progress.epochDone(seconds, epochMetric.get(epochMetric.size() - 1), data.metricName());
                if (spec.maxSteps() > 0 && losses.size() >= spec.maxSteps()) {
                    break;
                }
            }

            Double metric = null;
            List<Double> predictMs = new ArrayList<>();
            double predictRate = 0;
            if (status.equals(CellResult.OK)) {
                for (int pass = 0; pass < PREDICT_PASSES; pass++) {
                    double result = evaluate(session, data, layout, model, predictMs);
                    if (pass == 0) {
                        metric = result;
                    }
                }
                double totalMs = predictMs.stream().mapToDouble(Double::doubleValue).sum();
                predictRate = PREDICT_PASSES * data.testSize() / (totalMs / 1000);
                if (!Double.isFinite(metric)) {
                    status = CellResult.DIVERGED;
                    reason = "test outputs are not finite";
                    metric = null;
                }
            }
            String weights = null;
            if (status.equals(CellResult.OK)) {
                try {
                    session.getParameters().save(weightsFile);
                    weights = weightsFile.getFileName().toString();
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot save weights to " + weightsFile, e);
                }
            }
            var timings = new CellResult.Timings(dataPrepMs, cold.buildMs(), cold.firstPredictMs(), batchPrepMs, epochSeconds,
                    epochRates, cold.firstBatchSize(), predictMs, predictRate, interference, warmUp);
            var curves = new CellResult.Curves(steps, losses, stepMs, epochMetric);
            return new CellResult(spec, status, reason, Worker.info(framework), Runtime.version().toString(), startedAt,
                    (System.nanoTime() - start) / 1e9, timings, curves, metric, data.metricName(), PeakMemory.residentBytes(),
                    weights, pretraining == null ? null : pretraining.result());
        }
    }

    /** What a first session measures before it is thrown away: its build and its first prediction. */
    private record ColdStart(double buildMs, double firstPredictMs, int firstBatchSize) {
    }

    private ColdStart coldStart(TrainingSession session, long buildStart, TaskData data) {
        double buildMs = millisSince(buildStart);
        ModelSpec model = spec.model();
        InputLayout layout = spec.inputLayout();
        // The first prediction uses the steady-state batch size, so the two are comparable.
        Batch firstBatch = layout.arrange(data.testBatch(0, Math.min(data.evalBatch(), data.testSize())), model.inputShape());
        long firstStart = System.nanoTime();
        session.predict(firstBatch, Mode.EVAL);
        return new ColdStart(buildMs, millisSince(firstStart), firstBatch.size());
    }

    /** The cell's epochs in order, for the warm-up; after the last, the weights go back to the initial ones and it starts over. */
    private Supplier<List<Batch>> replay(TrainingSession session, TaskData data) {
        int[] next = {0};
        return () -> {
            if (next[0] == spec.epochs()) {
                session.setParameters(Parameters.initial(spec.model(), spec.seed()));
                next[0] = 0;
            }
            return arrangedEpoch(data, next[0]++);
        };
    }

    /** One epoch's batches in the cell's order and layout. */
    private List<Batch> arrangedEpoch(TaskData data, int epoch) {
        return arrangedEpoch(spec, data, epoch);
    }

    static List<Batch> arrangedEpoch(CellSpec spec, TaskData data, int epoch) {
        List<Batch> batches = new ArrayList<>();
        for (Batch batch : data.epoch(spec.batchSize(), spec.seed(), epoch)) {
            batches.add(spec.inputLayout().arrange(batch, spec.model().inputShape()));
        }
        return batches;
    }

    /** The test metric over the whole test set in eval mode; appends each batch's prediction time when asked. */
    static double evaluate(TrainingSession session, TaskData data, InputLayout layout, ModelSpec model, List<Double> batchMs) {
        int batch = data.evalBatch();
        float[] outputs = new float[data.testSize() * model.outputSize()];
        for (int from = 0; from < data.testSize(); from += batch) {
            Batch arranged = layout.arrange(data.testBatch(from, Math.min(from + batch, data.testSize())), model.inputShape());
            long start = System.nanoTime();
            float[] part = session.predict(arranged, Mode.EVAL);
            if (batchMs != null) {
                batchMs.add(millisSince(start));
            }
            System.arraycopy(part, 0, outputs, from * model.outputSize(), part.length);
        }
        return data.metric(outputs);
    }

    static double millisSince(long start) {
        return (System.nanoTime() - start) / 1e6;
    }

    /**
     * The task's train and test data: MNIST-like images, or generated argsort arrays; for the transfer task the
     * images are the target's, and {@code source} holds the data its features are pretrained on.
     */
    record TaskData(TrainTestSplit images, Batch argsortTrain, Batch argsortTest, TrainTestSplit source) {
        static TaskData load(CellSpec spec) {
            if (spec.isArgsort()) {
                int n = ModelSpec.ARGSORT.inputSize();
                return new TaskData(null, ArgsortData.generate(n, CellSpec.ARGSORT_TRAIN, Seeds.derive(spec.seed(), 1)),
                        testArgsort(spec.data().splitSeed()), null);
            }
            if (spec.isTransfer()) {
                TransferData transfer = spec.data().transfer();
                return new TaskData(transfer.target(), null, null, transfer.source());
            }
            return new TaskData(spec.data().load(), null, null, null);
        }

        /** The transfer task's source data, as a task of its own. */
        TaskData pretraining() {
            return new TaskData(source, null, null, null);
        }

        /** The argsort test set depends on the split seed only, so that every repeat and framework meets the same one. */
        static Batch testArgsort(long splitSeed) {
            return ArgsortData.generate(ModelSpec.ARGSORT.inputSize(), CellSpec.ARGSORT_TEST, Seeds.derive(splitSeed, 2));
        }

        /** Eval batch: 500 images, or the whole argsort test set (its model is too small for batches to matter). */
        int evalBatch() {
            return images != null ? 500 : argsortTest.size();
        }

        int testSize() {
            return images != null ? images.test().size() : argsortTest.size();
        }

        int batchesPerEpoch(int batchSize) {
            int size = images != null ? images.train().size() : argsortTrain.size();
            return (size + batchSize - 1) / batchSize;
        }

        Iterable<Batch> epoch(int batchSize, long seed, int epoch) {
            if (images != null) {
                return new MiniBatches(images.train(), batchSize, seed).epoch(epoch);
            }
            int n = argsortTrain.inputSize();
            int[] order = Seeds.permutation(argsortTrain.size(), Seeds.derive(seed, epoch));
            List<Batch> batches = new ArrayList<>();
            for (int from = 0; from < order.length; from += batchSize) {
                int[] indices = Arrays.copyOfRange(order, from, Math.min(from + batchSize, order.length));
                float[] inputs = new float[indices.length * n];
                float[] targets = new float[indices.length * n];
                for (int i = 0; i < indices.length; i++) {
                    System.arraycopy(argsortTrain.inputs(), indices[i] * n, inputs, i * n, n);
                    System.arraycopy(argsortTrain.targets(), indices[i] * n, targets, i * n, n);
                }
                batches.add(Batch.regression(indices.length, inputs, targets));
            }
            return batches;
        }

        Batch testBatch(int from, int to) {
            if (images != null) {
                return images.test().batch(from, to);
            }
            int n = argsortTest.inputSize();
            return Batch.regression(to - from, Arrays.copyOfRange(argsortTest.inputs(), from * n, to * n),
                    Arrays.copyOfRange(argsortTest.targets(), from * n, to * n));
        }

        String metricName() {
            return images != null ? "accuracy" : "score";
        }

        double metric(float[] outputs) {
            return images != null ? Metrics.accuracy(outputs, images.test().labels())
                    : ArgsortData.score(outputs, argsortTest.targets());
        }
    }
}
