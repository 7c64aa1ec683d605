package dev.polydl.harness.worker;

import java.util.Locale;

/**
 * Progress lines from the worker to the launching process, on stdout: {@value #STEP} and
 * {@value #EPOCH} lines, at most a few per second. Everything else the worker prints is log.
 */
public final class Progress {
    public static final String STEP = "##step";
    public static final String EPOCH = "##epoch";
    private static final long INTERVAL_NANOS = 250_000_000L;

    private final int epoch;
    private final int epochs;
    private final int steps;
    private long lastPrinted = System.nanoTime();

    Progress(int epoch, int epochs, int steps) {
        this.epoch = epoch;
        this.epochs = epochs;
        this.steps = steps;
    }

    void step(int step, float loss, int samples, long elapsedNanos) {
        long now = System.nanoTime();
        if (now - lastPrinted < INTERVAL_NANOS && step < steps) {
            return;
        }
        lastPrinted = now;
        System.out.printf(Locale.ROOT, "%s %d %d %d %d %.6g %.1f%n", STEP, epoch, epochs, step, steps, loss,
                samples / (elapsedNanos / 1e9));
        System.out.flush();
    }

    void epochDone(double seconds, double metric, String metricName) {
        System.out.printf(Locale.ROOT, "%s %d %d %.3f %.6g %s%n", EPOCH, epoch, epochs, seconds, metric, metricName);
        System.out.flush();
    }
}
