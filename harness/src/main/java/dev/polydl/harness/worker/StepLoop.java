package dev.polydl.harness.worker;

import dev.polydl.common.Batch;
import dev.polydl.common.TrainingSession;
import java.util.List;

/**
 * The training-step loop, one method for the warm-up and the timed epochs alike: the JIT compiles a loop
 * together with what it inlines, so a warm-up through other code would leave the timed loop to be compiled
 * while it is timed.
 */
final class StepLoop {
    /**
     * @param samples          samples trained by the steps that ran
     * @param nonFiniteStep    index of the step whose loss was not finite, where the loop stopped; -1 if none
     * @param nonFiniteLoss    that loss
     */
    record Outcome(int samples, int nonFiniteStep, float nonFiniteLoss) {
        boolean diverged() {
            return nonFiniteStep >= 0;
        }

        /** Why a diverged run stopped, e.g. "training loss became NaN at epoch 2, step 17". */
        String divergence(String phase, int epoch) {
            return phase + " loss became " + nonFiniteLoss + " at epoch " + (epoch + 1) + ", step " + (nonFiniteStep + 1);
        }
    }

    private StepLoop() {
    }

    /**
     * Trains {@code batches[from, to)} in order, appending each step's loss and wall time.
     *
     * @param started when the timed unit (epoch or warm-up window) began, for the progress line's rate
     */
    static Outcome train(TrainingSession session, List<Batch> batches, int from, int to, List<Double> losses, List<Double> stepMs,
                         Progress progress, long started) {
        int samples = 0;
        for (int step = from; step < to; step++) {
            long stepStart = System.nanoTime();
            float loss = session.trainStep(batches.get(step));
            stepMs.add(TrainCell.millisSince(stepStart));
            samples += batches.get(step).size();
            losses.add((double) loss);
            if (!Float.isFinite(loss)) {
                return new Outcome(samples, step, loss);
            }
            progress.step(step + 1, loss, samples, System.nanoTime() - started);
        }
        return new Outcome(samples, -1, Float.NaN);
    }
}
