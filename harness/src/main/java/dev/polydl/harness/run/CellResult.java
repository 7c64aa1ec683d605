package dev.polydl.harness.run;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Locale;

/**
 * What one cell measured, written atomically as {@code cells/<id>.json}. A cell whose status is
 * {@link #OK} or {@link #DIVERGED} is finished and skipped by a rerun; {@link #FAILED} and
 * {@link #TIMEOUT} cells are run again.
 *
 * @param metric      test accuracy (0–1) for classifiers, argsort score (0–100); null unless {@code ok}
 * @param peakRssBytes the worker JVM's peak resident set (VmHWM), engine natives included
 * @param pretraining the transfer task's first phase, timed apart from the transfer's epochs; null for other tasks
 */
public record CellResult(CellSpec spec, String status, String reason, FrameworkInfo framework, String javaVersion,
                         String startedAt, double wallSeconds, Timings timings, Curves curves, Double metric,
                         String metricName, long peakRssBytes, String weights, Pretraining pretraining) {
    public static final String OK = "ok";
    public static final String DIVERGED = "diverged";
    public static final String FAILED = "failed";
    public static final String TIMEOUT = "timeout";
    /** The framework cannot run this cell here (e.g. no CUDA build); the reason says why. Re-checked on every run. */
    public static final String UNSUPPORTED = "unsupported";

    public boolean finished() {
        return OK.equals(status) || DIVERGED.equals(status);
    }

    /**
     * Of two results of one cell (a rerun, or the same cell in two folders being merged), the one that counts: a
     * finished one over an unfinished one, then the one that started later.
     */
    public static CellResult preferred(CellResult a, CellResult b) {
        if (a.finished() != b.finished()) {
            return a.finished() ? a : b;
        }
        return a.startedAt().compareTo(b.startedAt()) >= 0 ? a : b;
    }

    /** A cell that ended without a result of its own (worker crashed, was killed or timed out). */
    public static CellResult unfinished(CellSpec spec, String status, String reason, String startedAt, double wallSeconds) {
        return new CellResult(spec, status, reason, null, null, startedAt, wallSeconds, null, null, null, null, 0, null, null);
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
                          List<Interference> epochInterference, WarmUp warmUp) {
    }

    /**
     * Untimed training before the timed epochs, on fresh throwaway sessions of the same model (null: none).
     *
     * @param limitSeconds the most it was allowed to take
     * @param seconds      what it took, its test passes included
     * @param steps        training steps it ran
     * @param lastJitShare the JIT's share of its last window's wall time
     * @param ended        {@link #QUIET}, {@link #LIMIT}, or {@link #DIVERGED} (its loss became NaN or infinite)
     */
    public record WarmUp(double limitSeconds, double seconds, int steps, double lastJitShare, String ended) {
        public static final String QUIET = "quiet";
        public static final String LIMIT = "limit";
        public static final String DIVERGED = "diverged";

        /** The JIT's share of one window's wall time below which it counts as quiet. */
        public static final double QUIET_SHARE = 0.02;
        /** Consecutive quiet windows that end a warm-up. */
        public static final int QUIET_WINDOWS = 2;
        /** Each window trains at least this long, then evaluates the test set once, as an epoch does. */
        public static final double WINDOW_SECONDS = 1.0;
        /** Warm-up steps per call HotSpot needs before it compiles a method with C2, at least. */
        private static final double STEPS_PER_C2_CALL = 1.2;
        /** HotSpot's default {@code Tier4InvocationThreshold}, where the JVM cannot be asked. */
        private static final int DEFAULT_C2_CALLS = 5000;

        /**
         * The fewest steps a warm-up runs: HotSpot compiles a method with C2 only after {@code Tier4InvocationThreshold}
         * calls of its profiled (tier 3) code, so the methods a training step calls once reach C2 after about that many
         * steps. A compiler that is quiet before then is not done: those methods were compiled inside the timed
         * epochs, and the DJL engines' FCN epochs took up to twice as long until they were (docs/performance.md).
         */
        public static int minSteps() {
            return minSteps(c2Calls());
        }

        private static int minSteps(int c2Calls) {
            return (int) Math.ceil(STEPS_PER_C2_CALL * c2Calls);
        }

        private static int c2Calls() {
            try {
                return Integer.parseInt(ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
                        .getVMOption("Tier4InvocationThreshold").getValue());
            } catch (RuntimeException notHotSpot) {
                return DEFAULT_C2_CALLS;
            }
        }

        /** The rule, in words, for the plan and the report. */
        public static String rule() {
            int c2Calls = c2Calls();
            return String.format(Locale.ROOT, "untimed training in windows of %.0f s, each on a fresh throwaway session of the"
                    + " same model from its initial weights and then one test pass, until at least %d steps had run (%.1f × the"
                    + " %d calls after which HotSpot compiles a method with C2, so that what a step calls once is compiled) and"
                    + " the JIT took less than %.0f %% of %d windows in a row", WINDOW_SECONDS, minSteps(c2Calls), STEPS_PER_C2_CALL,
                    c2Calls, 100 * QUIET_SHARE, QUIET_WINDOWS);
        }
    }

    /**
     * Other work while one epoch was timed.
     *
     * @param jitMs   time the JVM's compiler threads spent compiling (they share the cores with the training threads)
     * @param gcMs    time the garbage collectors reported for their collections
     * @param stealMs CPU time the hypervisor gave to other guests, summed over all CPUs (NaN where unknown)
     * @param cpuMs   CPU time of the JVM's threads, training and the rest, summed over threads (NaN where unknown; 0 in
     *                results written before it was recorded)
     * @param runQueueMs time the JVM's threads were ready to run but waited for a CPU, summed over threads (NaN where
     *                unknown; 0 in results written before it was recorded)
     */
    public record Interference(double jitMs, double gcMs, double stealMs, double cpuMs, double runQueueMs) {
    }

    /**
     * @param stepLoss        mean training loss of every step, in order
     * @param stepMs          wall time of every step in milliseconds, in order
     * @param epochTestMetric the test metric after each epoch
     */
    public record Curves(int stepsPerEpoch, List<Double> stepLoss, List<Double> stepMs, List<Double> epochTestMetric) {
    }

    /**
     * The transfer task's pretraining: the same network with nothing frozen, trained in the same worker on the
     * source data with the cell's batch size, optimizer and number of epochs, before the timed transfer. Its
     * steps are full training steps, the transfer's are frozen-feature steps of the same shapes.
     *
     * @param source       the source data it trained and was tested on
     * @param epochSeconds training wall time of each pretraining epoch: steps only, evaluation excluded
     * @param curves       its step losses, step times and source test accuracy after each epoch
     * @param sourceMetric source test accuracy at its end; null if it diverged
     */
    public record Pretraining(String source, List<Double> epochSeconds, Curves curves, Double sourceMetric) {
    }

    /** @param nativeBuild the native build the worker loaded and what the engine tells of its kernels, read after training */
    public record FrameworkInfo(String id, String displayName, String frameworkVersion, String nativeVersion, String nativeBuild) {
    }
}
