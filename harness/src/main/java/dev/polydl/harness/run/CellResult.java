package dev.polydl.harness.run;

import java.util.List;

/**
 * What one cell measured, written atomically as {@code cells/<id>.json}. A cell whose status is
 * {@link #OK} or {@link #DIVERGED} is finished and skipped by a rerun; {@link #FAILED} and
 * {@link #TIMEOUT} cells are run again.
 *
 * @param metric      test accuracy (0–1) for classifiers, argsort score (0–100); null unless {@code ok}
 * @param peakRssBytes the worker JVM's peak resident set (VmHWM), engine natives included
 */
public record CellResult(CellSpec spec, String status, String reason, FrameworkInfo framework, String javaVersion,
                         String startedAt, double wallSeconds, Timings timings, Curves curves, Double metric,
                         String metricName, long peakRssBytes, String weights) {
    public static final String OK = "ok";
    public static final String DIVERGED = "diverged";
    public static final String FAILED = "failed";
    public static final String TIMEOUT = "timeout";
    /** The framework cannot run this cell here (e.g. no CUDA build); the reason says why. Re-checked on every run. */
    public static final String UNSUPPORTED = "unsupported";

    public boolean finished() {
        return OK.equals(status) || DIVERGED.equals(status);
    }

    /** A cell that ended without a result of its own (worker crashed, was killed or timed out). */
    public static CellResult unfinished(CellSpec spec, String status, String reason, String startedAt, double wallSeconds) {
        return new CellResult(spec, status, reason, null, null, startedAt, wallSeconds, null, null, null, null, 0, null);
    }

    /**
     * Times in milliseconds unless named otherwise.
     *
     * @param dataPrepMs          reading, parsing and splitting the data
     * @param buildMs             opening the session: engine natives on first use, graph/model, initial weights
     * @param firstPredictMs      the first eval-mode prediction of one batch after the build
     * @param batchPrepMs         materialising every epoch's batches (outside the epoch clock)
     * @param epochSeconds        training wall time of each epoch: steps only, evaluation excluded
     * @param predictBatchMs      steady eval-mode prediction of one batch, after training: every batch of 3 passes
     */
    public record Timings(double dataPrepMs, double buildMs, double firstPredictMs, double batchPrepMs,
                          List<Double> epochSeconds, List<Double> epochSamplesPerSecond,
                          int predictBatchSize, List<Double> predictBatchMs, double predictSamplesPerSecond,
                          List<Interference> epochInterference) {
    }

    /**
     * Other work while one epoch was timed.
     *
     * @param jitMs   time the JVM's compiler threads spent compiling (they share the cores with the training threads)
     * @param gcMs    time the garbage collectors reported for their collections
     * @param stealMs CPU time the hypervisor gave to other guests, summed over all CPUs (NaN where unknown)
     */
    public record Interference(double jitMs, double gcMs, double stealMs) {
    }

    /**
     * @param stepLoss        mean training loss of every step, in order
     * @param stepMs          wall time of every step in milliseconds, in order
     * @param epochTestMetric the test metric after each epoch
     */
    public record Curves(int stepsPerEpoch, List<Double> stepLoss, List<Double> stepMs, List<Double> epochTestMetric) {
    }

    /** @param nativeBuild the native build the worker loaded and what the engine tells of its kernels, read after training */
    public record FrameworkInfo(String id, String displayName, String frameworkVersion, String nativeVersion, String nativeBuild) {
    }
}
