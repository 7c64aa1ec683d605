package dev.polydl.harness.run;

import static dev.polydl.harness.run.CellResult.WarmUp.QUIET_SHARE;
import static dev.polydl.harness.run.CellResult.WarmUp.QUIET_WINDOWS;

import java.util.Optional;

/**
 * When a warm-up ends, the same for compare's cells and the bench's training steps: once at least
 * {@link CellResult.WarmUp#minSteps()} steps have run and the JIT took less than {@link CellResult.WarmUp#QUIET_SHARE}
 * of {@link CellResult.WarmUp#QUIET_WINDOWS} windows in a row, or at the time limit.
 */
public final class WarmUpRule {
    private final int minSteps;
    private final double limitSeconds;
    private int quietWindows;

    public WarmUpRule(int minSteps, double limitSeconds) {
        this.minSteps = minSteps;
        this.limitSeconds = limitSeconds;
    }

    /**
     * Called after each window.
     *
     * @param steps          steps run so far
     * @param jitShare       the JIT's share of this window's wall time
     * @param elapsedSeconds since the warm-up began
     * @return how the warm-up ended ({@link CellResult.WarmUp#QUIET} or {@link CellResult.WarmUp#LIMIT}), or empty to go on
     */
    public Optional<String> afterWindow(int steps, double jitShare, double elapsedSeconds) {
        // One quiet window can be a lull between two compilation bursts: it takes two in a row.
        quietWindows = jitShare < QUIET_SHARE ? quietWindows + 1 : 0;
        if (quietWindows >= QUIET_WINDOWS && steps >= minSteps) {
            return Optional.of(CellResult.WarmUp.QUIET);
        }
        return elapsedSeconds >= limitSeconds ? Optional.of(CellResult.WarmUp.LIMIT) : Optional.empty();
    }
}
