package dev.polydl.harness.worker;

import static dev.polydl.harness.run.CellResult.WarmUp.WINDOW_SECONDS;

import dev.polydl.common.Batch;
import dev.polydl.common.TrainingSession;
import dev.polydl.harness.run.CellResult;
import dev.polydl.harness.run.InterferenceMeter;
import dev.polydl.harness.run.WarmUpRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Untimed training before a cell's timed epochs, until the JVM's compiler has had the steps it needs and is quiet. With as many training
 * threads as cores, the compiler threads take a core from the timed steps while the engine's Java code is
 * still being compiled: 10–30 % of the FCN cells' later epochs went to it (docs/performance.md). Every
 * framework gets the same rule. Each window trains a session of its own, opened for it and closed after it,
 * as the timed run opens a fresh one: a warm-up on one long-lived session left code that the JIT had compiled
 * for it to be thrown away when the timed session opened and its first steps took paths the compiled code had
 * never seen (DL4J's and DJL's step methods "made not entrant", then compiled again inside timed epochs 3–7).
 * The timed run therefore still starts from the same initial weights, optimizer state and random streams.
 */
final class WarmUp {
    /** Steps per call of the step loop, so that the timed epochs' one long call enters code compiled here. */
    private static final int STEPS_PER_CALL = 8;

    private WarmUp() {
    }

    /**
     * Trains one fresh session per window until {@link WarmUpRule} ends the warm-up.
     *
     * @param minSteps   {@link CellResult.WarmUp#minSteps()}: a quiet compiler before then is not a finished one
     * @param open       opens a session as the timed run does
     * @param epochsOf   a session's epochs in order, as the timed run meets them; it starts over from the
     *                   initial weights after the last, so the warm-up never trains past the run's own schedule
     * @param epochCount the cell's epochs, for the progress lines
     * @param evaluate   one pass over the test set, as after each timed epoch
     */
    static CellResult.WarmUp train(int minSteps, Supplier<TrainingSession> open, Function<TrainingSession, Supplier<List<Batch>>> epochsOf,
                                   int epochCount, double limitSeconds, Consumer<TrainingSession> evaluate) {
        WarmUpRule rule = new WarmUpRule(minSteps, limitSeconds);
        InterferenceMeter meter = new InterferenceMeter();
        List<Double> losses = new ArrayList<>();
        List<Double> stepMs = new ArrayList<>();
        Progress progress = null;
        long start = System.nanoTime();
        int steps = 0;
        while (true) {
            meter.restart();
            try (TrainingSession session = open.get()) {
                Supplier<List<Batch>> epochs = epochsOf.apply(session);
                List<Batch> batches = epochs.get();
                if (progress == null) {
                    progress = Progress.warmUpSteps(epochCount, batches.size());
                }
                int position = 0;
                long trainStart = System.nanoTime();
                do {
                    if (position == batches.size()) {
                        batches = epochs.get();
                        position = 0;
                    }
                    int to = Math.min(batches.size(), position + STEPS_PER_CALL);
                    StepLoop.Outcome outcome = StepLoop.train(session, batches, position, to, losses, stepMs, progress,
                            System.nanoTime());
                    // A diverged call stopped at its non-finite step: the steps after it did not run.
                    steps += (outcome.diverged() ? outcome.nonFiniteStep() + 1 : to) - position;
                    position = to;
                    if (outcome.diverged()) {
                        // The timed run meets the same steps and says where it diverged; warming up further proves nothing.
                        return done(limitSeconds, start, steps, meter.jitShareSinceRestart(),
                                CellResult.WarmUp.DIVERGED);
                    }
                } while (System.nanoTime() - trainStart < WINDOW_SECONDS * 1e9);
                losses.clear();
                stepMs.clear();
                evaluate.accept(session);
            }
            double share = meter.jitShareSinceRestart();
            double elapsed = (System.nanoTime() - start) / 1e9;
            Progress.warmUp(elapsed, limitSeconds, steps, share);
            Optional<String> ended = rule.afterWindow(steps, share, elapsed);
            if (ended.isPresent()) {
                return done(limitSeconds, start, steps, share, ended.get());
            }
        }
    }

    private static CellResult.WarmUp done(double limitSeconds, long start, int steps, double share, String ended) {
        return new CellResult.WarmUp(limitSeconds, (System.nanoTime() - start) / 1e9, steps, share, ended);
    }
}
