package dev.polydl.harness.bench;

import static dev.polydl.harness.run.CellResult.WarmUp.WINDOW_SECONDS;

import dev.polydl.common.Batch;
import dev.polydl.common.TrainingSession;
import dev.polydl.harness.run.CellResult;
import dev.polydl.harness.run.InterferenceMeter;
import dev.polydl.harness.run.WarmUpRule;
import java.util.Locale;
import java.util.Optional;

/**
 * Untimed training steps on a benchmark's own session and batch before JMH's iterations, ended by the rule compare's
 * warm-up uses ({@link WarmUpRule}). JMH's warm-up is counted in time, and a training step's Java code needs a count of
 * calls: three iterations of 400 ms were a few hundred FCN steps, and DJL's per-step methods reached even C1 only
 * inside the measured iterations, which then fell from 6 to 2.7 ms a step (docs/performance.md).
 */
public final class StepWarmUp {
    /** {@code -Dpolydl.warmUpSeconds}: the longest warm-up of one fork; 0 leaves warming up to JMH's iterations. */
    static final String LIMIT_PROPERTY = "polydl.warmUpSeconds";

    private StepWarmUp() {
    }

    /** The limit the host gave its forks; none outside a bench host. */
    static double limitSeconds() {
        return Double.parseDouble(System.getProperty(LIMIT_PROPERTY, "0"));
    }

    /** The rule, in words, for the report. */
    public static String rule() {
        return String.format(Locale.ROOT, "untimed training steps on the fork's own session and batch until at least %d steps had run "
                + "(as in compare, so that what a step calls once is compiled with C2) and the JIT took less than %.0f %% of %d windows "
                + "of %.0f s in a row", CellResult.WarmUp.minSteps(), 100 * CellResult.WarmUp.QUIET_SHARE, CellResult.WarmUp.QUIET_WINDOWS,
                WINDOW_SECONDS);
    }

    /** Trains {@code input} on {@code session} in windows of {@link CellResult.WarmUp#WINDOW_SECONDS} until the rule ends. */
    static CellResult.WarmUp train(TrainingSession session, Batch input, int minSteps, double limitSeconds) {
        WarmUpRule rule = new WarmUpRule(minSteps, limitSeconds);
        InterferenceMeter meter = new InterferenceMeter();
        long start = System.nanoTime();
        int steps = 0;
        while (true) {
            meter.restart();
            long windowStart = System.nanoTime();
            do {
                session.trainStep(input);
                steps++;
            } while (System.nanoTime() - windowStart < WINDOW_SECONDS * 1e9);
            double share = meter.jitShareSinceRestart();
            double elapsed = (System.nanoTime() - start) / 1e9;
            Optional<String> ended = rule.afterWindow(steps, share, elapsed);
            if (ended.isPresent()) {
                return new CellResult.WarmUp(limitSeconds, elapsed, steps, share, ended.get());
            }
        }
    }
}
