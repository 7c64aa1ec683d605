package dev.polydl.harness.worker;

import java.util.Locale;

/**
 * Progress lines from the worker to the launching process, on stdout: {@value #STEP} lines (epoch 0 for
 * the warm-up), {@value #EPOCH} and {@value #WARM_UP} lines, at most a few per second. Everything else the worker prints is log.
 */
public final class Progress {
    public static final String STEP = "##step";
    public static final String EPOCH = "##epoch";
    /** The transfer task's pretraining epochs, with the fields of {@link #STEP} and {@link #EPOCH} lines. */
    public static final String PRETRAINING_STEP = "##pretraining-step";
    public static final String PRETRAINING_EPOCH = "##pretraining-epoch";
    public static final String WARM_UP = "##warmup";
    private static final long INTERVAL_NANOS = 250_000_000L;

    private final boolean pretraining;
    private final int epoch;
    private final int epochs;
    private final int steps;
    private long lastPrinted = System.nanoTime();

    Progress(int epoch, int epochs, int steps) {
        this(false, epoch, epochs, steps);
    }

    private Progress(boolean pretraining, int epoch, int epochs, int steps) {
        this.pretraining = pretraining;
        this.epoch = epoch;
        this.epochs = epochs;
        this.steps = steps;
    }

    /**
     * The warm-up's step lines, as epoch 0: it prints them as the epochs do, so that the code printing them is
     * compiled before the timed epochs rather than during them.
     */
    static Progress warmUpSteps(int epochs, int steps) {
        return new Progress(0, epochs, steps);
    }

    /** The lines of one pretraining epoch of the transfer task. */
    static Progress pretraining(int epoch, int epochs, int steps) {
        return new Progress(true, epoch, epochs, steps);
    }

    void step(int step, float loss, int samples, long elapsedNanos) {
        long now = System.nanoTime();
        if (now - lastPrinted < INTERVAL_NANOS && step < steps) {
            return;
        }
        lastPrinted = now;
        System.out.printf(Locale.ROOT, "%s %d %d %d %d %.6g %.1f%n", pretraining ? PRETRAINING_STEP : STEP, epoch, epochs, step, steps, loss,
                samples / (elapsedNanos / 1e9));
        System.out.flush();
    }

    void epochDone(double seconds, double metric, String metricName) {
        System.out.printf(Locale.ROOT, "%s %d %d %.3f %.6g %s%n", pretraining ? PRETRAINING_EPOCH : EPOCH, epoch, epochs, seconds, metric, metricName);
        System.out.flush();
    }

    /** One line per warm-up window: seconds so far, the limit, steps so far, the last window's JIT share. */
    static void warmUp(double seconds, double limitSeconds, int steps, double jitShare) {
        System.out.printf(Locale.ROOT, "%s %.1f %.0f %d %.4f%n", WARM_UP, seconds, limitSeconds, steps, jitShare);
        System.out.flush();
    }
}
