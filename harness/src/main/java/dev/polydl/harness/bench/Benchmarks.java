package dev.polydl.harness.bench;

import dev.polydl.common.Batch;
import dev.polydl.common.Framework;
import dev.polydl.common.InputLayout;
import dev.polydl.common.MatrixProduct;
import dev.polydl.common.ModelSpec;
import dev.polydl.common.SessionConfig;
import dev.polydl.common.TrainingSession;
import dev.polydl.harness.run.CellResult;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The microbenchmarks, written once against the common interface; {@code framework} selects the
 * engine, and the launcher gives each framework its own JMH host JVM (and classpath). Sessions and
 * batches are set up outside the measured methods; every method returns its result so that JMH
 * consumes it. Outputs come back to the host as Java arrays, so a GPU has finished before the clock stops.
 */
public class Benchmarks {
    /** The kernel-layout benchmark's method, and the values of its {@code layout} parameter ({@link InputLayout} names). */
    public static final String LAYOUT_METHOD = "layoutTrainStep";
    public static final String KERNELS_CHANNELS_FIRST = "CHANNELS_FIRST";
    public static final String KERNELS_CHANNELS_LAST = "CHANNELS_LAST";

    /**
     * A session of the parameterised framework and model, and one fixed batch of real samples for it, both in the session's
     * input layout (rearranged before the clock starts).
     */
    @State(Scope.Benchmark)
    public abstract static class SessionState {
        @Param(NoopFramework.ID)
        public String framework;
        @Param({"fcn", "cnn", "argsort"})
        public String model;
        @Param("cpu")
        public String device;

        TrainingSession session;
        Batch input;

        abstract int batchSize();

        /** The layout the network is built for; channels-first (canonical) but in the layout benchmark. */
        InputLayout inputLayout() {
            return InputLayout.CHANNELS_FIRST;
        }

        /** Whether the benchmark trains: its fork then warms up by steps before JMH's iterations ({@link StepWarmUp}). */
        boolean trains() {
            return false;
        }

        @Setup(Level.Trial)
        public void open() {
            InputLayout layout = inputLayout();
            session = BenchInputs.framework(framework, device).open(BenchInputs.config(model, device, layout));
            input = layout.arrange(BenchInputs.batch(model, batchSize()), ModelSpec.byName(model).inputShape());
            double limit = StepWarmUp.limitSeconds();
            if (trains() && limit > 0) {
                CellResult.WarmUp warmUp = StepWarmUp.train(session, input, CellResult.WarmUp.minSteps(), limit);
                System.out.printf(Locale.ROOT, "polydl warm-up: %d steps in %.1f s, ended %s (JIT %.1f %% of the last window)%n",
                        warmUp.steps(), warmUp.seconds(), warmUp.ended(), 100 * warmUp.lastJitShare());
            }
        }

        @TearDown(Level.Trial)
        public void close() {
            session.close();
        }
    }

    /** One training step (forward, loss, backward, update) on a fixed batch. */
    @State(Scope.Benchmark)
    public static class TrainState extends SessionState {
        @Param({"32", "128", "512"})
        public int batch;

        @Override
        int batchSize() {
            return batch;
        }

        @Override
        boolean trains() {
            return true;
        }
    }

    /**
     * The training step with the network built for one kernel layout and fed its batches in that layout, for a framework
     * that can be told which layout its convolutions run in (the host runs it for the CNN only).
     */
    @State(Scope.Benchmark)
    public static class LayoutState extends SessionState {
        @Param({KERNELS_CHANNELS_FIRST, KERNELS_CHANNELS_LAST})
        public String layout;
        @Param({"32", "128"})
        public int batch;

        @Override
        int batchSize() {
            return batch;
        }

        @Override
        boolean trains() {
            return true;
        }

        @Override
        InputLayout inputLayout() {
            return InputLayout.valueOf(layout);
        }
    }

    /** Eval-mode prediction at batch 1, for latency. */
    @State(Scope.Benchmark)
    public static class LatencyState extends SessionState {
        @Override
        int batchSize() {
            return 1;
        }
    }

    /** Eval-mode prediction at a large batch, for samples per second. */
    @State(Scope.Benchmark)
    public static class ThroughputState extends SessionState {
        public static final int BATCH = 512;

        @Override
        int batchSize() {
            return BATCH;
        }
    }

    /** Model build: each single-shot iteration opens a new session; the first one in a fork is cold (engine load). */
    @State(Scope.Thread)
    public static class BuildState {
        @Param(NoopFramework.ID)
        public String framework;
        @Param({"fcn", "cnn", "argsort"})
        public String model;
        @Param("cpu")
        public String device;

        Framework engine;
        SessionConfig config;
        TrainingSession built;

        @Setup(Level.Trial)
        public void resolve() {
            engine = BenchInputs.framework(framework, device);
            config = BenchInputs.config(model, device);
        }

        @TearDown(Level.Iteration)
        public void close() {
            if (built != null) {
                built.close();
                built = null;
            }
        }
    }

    /** The first prediction of a freshly built session (batch 1), one per single-shot iteration. */
    @State(Scope.Thread)
    public static class FirstCallState {
        @Param(NoopFramework.ID)
        public String framework;
        @Param({"fcn", "cnn", "argsort"})
        public String model;
        @Param("cpu")
        public String device;

        TrainingSession session;
        Batch input;

        @Setup(Level.Iteration)
        public void open() {
            session = BenchInputs.framework(framework, device).open(BenchInputs.config(model, device));
            input = BenchInputs.batch(model, 1);
        }

        @TearDown(Level.Iteration)
        public void close() {
            session.close();
        }
    }

    /** The engine's own square matrix product: the best of these over all engines is the machine's peak. */
    @State(Scope.Benchmark)
    public static class PeakState {
        @Param(NoopFramework.ID)
        public String framework;
        @Param("cpu")
        public String device;
        @Param("1024")
        public int size;

        MatrixProduct product;

        @Setup(Level.Trial)
        public void open() {
            float[][] inputs = MatrixProduct.uniformInputs(size, BenchInputs.SEED);
            product = BenchInputs.framework(framework, device).matrixProduct(inputs[0], inputs[1], size, BenchInputs.device(device),
                    BenchInputs.threads());
        }

        @TearDown(Level.Trial)
        public void close() {
            product.close();
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public float trainStep(TrainState state) {
        return state.session.trainStep(state.input);
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public float layoutTrainStep(LayoutState state) {
        return state.session.trainStep(state.input);
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public float[] latency(LatencyState state) {
        return state.session.predict(state.input, dev.polydl.common.Mode.EVAL);
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public float[] throughput(ThroughputState state) {
        return state.session.predict(state.input, dev.polydl.common.Mode.EVAL);
    }

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public TrainingSession build(BuildState state) {
        state.built = state.engine.open(state.config);
        return state.built;
    }

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public float[] firstCall(FirstCallState state) {
        return state.session.predict(state.input, dev.polydl.common.Mode.EVAL);
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public double matmul(PeakState state) {
        return state.product.multiply();
    }
}
