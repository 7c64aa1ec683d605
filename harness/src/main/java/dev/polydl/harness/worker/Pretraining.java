package dev.polydl.harness.worker;

import dev.polydl.common.Batch;
import dev.polydl.common.Framework;
import dev.polydl.common.Parameters;
import dev.polydl.common.SessionConfig;
import dev.polydl.common.TrainingSession;
import dev.polydl.harness.run.CellResult;
import dev.polydl.harness.run.CellSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * The transfer task's first phase, in the cell's own worker: the network with nothing frozen trains on the
 * source data with the cell's batch size, optimizer, seed and number of epochs, timed epoch by epoch as the
 * cell's own epochs are and apart from them. Its steps are full training steps of the same shapes as the
 * transfer's frozen-feature steps, which is what the report compares.
 */
final class Pretraining {
    /**
     * @param result     what the phase measured
     * @param parameters the pretrained weights; null if it diverged
     * @param divergence why it stopped early, or null
     */
    record Outcome(CellResult.Pretraining result, Parameters parameters, String divergence) {
    }

    private Pretraining() {
    }

    static Outcome run(Framework framework, SessionConfig config, CellSpec spec, TrainCell.TaskData source) {
        SessionConfig unfrozen = config.withModel(config.model().unfrozen());
        List<Double> losses = new ArrayList<>();
        List<Double> stepMs = new ArrayList<>();
        List<Double> epochSeconds = new ArrayList<>();
        List<Double> epochMetric = new ArrayList<>();
        int steps = source.batchesPerEpoch(spec.batchSize());
        String sourceName = source.images().train().source().replace(" [train]", "");
        try (TrainingSession session = framework.open(unfrozen)) {
            for (int epoch = 0; epoch < spec.epochs(); epoch++) {
                List<Batch> batches = TrainCell.arrangedEpoch(spec, source, epoch);
                Progress progress = Progress.pretraining(epoch + 1, spec.epochs(), steps);
                long epochStart = System.nanoTime();
                StepLoop.Outcome outcome = StepLoop.train(session, batches, 0, batches.size(), losses, stepMs, progress, epochStart);
                if (outcome.diverged()) {
                    var curves = new CellResult.Curves(steps, losses, stepMs, epochMetric);
                    return new Outcome(new CellResult.Pretraining(sourceName, epochSeconds, curves, null), null,
                            outcome.divergence("pretraining", epoch));
                }
                double seconds = (System.nanoTime() - epochStart) / 1e9;
                epochSeconds.add(seconds);
                epochMetric.add(TrainCell.evaluate(session, source, spec.inputLayout(), unfrozen.model(), null));
                progress.epochDone(seconds, epochMetric.get(epochMetric.size() - 1), source.metricName());
            }
            var curves = new CellResult.Curves(steps, losses, stepMs, epochMetric);
            Double sourceMetric = epochMetric.isEmpty() ? null : epochMetric.get(epochMetric.size() - 1);
            return new Outcome(new CellResult.Pretraining(sourceName, epochSeconds, curves, sourceMetric), session.getParameters(), null);
        }
    }
}
