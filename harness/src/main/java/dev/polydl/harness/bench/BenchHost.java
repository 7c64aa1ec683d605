package dev.polydl.harness.bench;

import com.sun.management.HotSpotDiagnosticMXBean;
import dev.polydl.common.Framework;
import dev.polydl.common.InputLayout;
import dev.polydl.common.ModelSpec;
import dev.polydl.common.TrainingSession;
import dev.polydl.harness.run.EngineEnvironment;
import dev.polydl.harness.run.Json;
import dev.polydl.harness.run.Machine;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * The JMH host JVM of one framework, started by {@code polydl bench} with that framework's classpath
 * only and its engine environment; JMH's forks inherit the classpath and the environment variables
 * and get the environment's JVM options explicitly. Writes atomically, under the given name:
 * {@code <name>-train.json} (training step), {@code <name>-steady.json} (latency, throughput, peak),
 * {@code <name>-cold.json} (build, first call) and, for a framework that builds the CNN in both layouts,
 * {@code <name>-layout.json} (the CNN's training step in each kernel layout); in the {@code ladder} suite only the training
 * step, in the {@code layout} suite only the layout benchmark. Beside them {@code runs/<record>.json}, the engine environment
 * and the native build the host saw ({@code <name>}, or {@code <name>-layout} for the layout suite, whose numbers may come
 * from another session than the rest).
 */
public final class BenchHost {
    /**
     * What a host ran with, beside its JMH files: the bench numbers carry their own machine and build, never the last compare's.
     *
     * @param machine     null in runs recorded before hosts described their machine
     */
    public record Run(String framework, String name, EngineEnvironment environment, String nativeBuild, Machine machine,
                      String polydlBuild) {
    }

    /** Every benchmark; the training step only (the tuning ladder); the kernel-layout benchmark only. */
    public static final String FULL = "full";
    public static final String LADDER = "ladder";
    public static final String LAYOUT = "layout";
    /** The host option that adds JMH's GC profiler to the training-step table ({@code true}; absent or anything else: not). */
    public static final String GC_PROFILER = "gc-profiler";

    private BenchHost() {
    }

    public static void main(String[] args) throws RunnerException, IOException {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        String framework = options.get("framework");
        String name = options.getOrDefault("name", framework);
        Path out = Path.of(options.get("out"));
        Files.createDirectories(out.resolve("runs"));
        EngineEnvironment environment = Json.read(Path.of(options.get("environment")), EngineEnvironment.class);
        String suite = options.getOrDefault("suite", FULL);
        int forks = Integer.parseInt(options.get("forks"));
        String[] models = options.get("models").split(",");
        boolean baseline = framework.equals(NoopFramework.ID);
        long iterationMs = Long.parseLong(options.get("iteration-ms"));
        String record = recordName(name, suite);

        Json.write(out.resolve("runs").resolve(record + ".json"),
                new Run(framework, record, environment, nativeBuild(framework, options.get("device")), Machine.here(),
                        options.get("polydl-build")));
        List<BenchFailure> failures = new ArrayList<>();
        boolean layouts = !baseline && List.of(models).contains(ModelSpec.CNN.name())
                && BenchInputs.framework(framework, options.get("device")).inputLayouts().contains(InputLayout.CHANNELS_LAST);
        if (!suite.equals(LAYOUT)) {
            failures.addAll(trainSteps(framework, options, environment, models, forks, out, name));
        }
        if (!suite.equals(LADDER) && layouts) {
            failures.addAll(run(trainingOptions(common(framework, options, environment, forks), options)
                    .param("model", ModelSpec.CNN.name())
                    .include(".*Benchmarks\\." + Benchmarks.LAYOUT_METHOD + "$"), out.resolve(name + "-layout.json")));
        }
        if (suite.equals(FULL)) {
            forgetLayoutOnlyRun(out, name);
            failures.addAll(steadyAndCold(framework, options, environment, models, forks, baseline, iterationMs, out, name));
        }
        // Written on every run, so that a rerun that succeeds clears an earlier failure.
        Json.write(failedFile(out, record), failures);
        if (!failures.isEmpty()) {
            System.err.println(failures.size() + " benchmark(s) threw and have no result: " + failures);
            System.exit(1);
        }
    }

    /**
     * What a host's record, failures and log are named: its name, or {@code <name>-layout} in the layout suite, whose files
     * stand beside a full run's of the same framework.
     */
    public static String recordName(String name, String suite) {
        return suite.equals(LAYOUT) ? name + "-layout" : name;
    }

    private static List<BenchFailure> trainSteps(String framework, Map<String, String> options, EngineEnvironment environment,
                                                 String[] models, int forks, Path out, String name)
            throws RunnerException, IOException {
        // Training steps get more and longer iterations than the rest: JMH's 99.9 % interval over 2 × 3 samples is
        // 2.8 standard deviations wide, and an iteration of 400 ms scatters 5–10 % as a collection or a compilation
        // falls into it or not (docs/performance.md).
        ChainedOptionsBuilder train = trainingOptions(common(framework, options, environment, forks), options)
                .param("model", models)
                .include(".*Benchmarks\\.trainStep$")
                .param("batch", options.get("batches").split(","));
        // JMH's GC profiler adds each iteration's collection time and the heap a step allocates, only on request, so that a
        // default table is measured as the committed one was (from one build it left PyTorch's step as it was, docs/performance.md).
        if (Boolean.parseBoolean(options.getOrDefault(GC_PROFILER, "false"))) {
            train.addProfiler(GCProfiler.class);
        }
        return run(train, out.resolve(name + "-train.json"));
    }

    private static ChainedOptionsBuilder trainingOptions(ChainedOptionsBuilder builder, Map<String, String> options) {
        long iterationMs = Long.parseLong(options.get("train-iteration-ms"));
        return builder.forks(Integer.parseInt(options.get("train-forks")))
                .warmupIterations(Integer.parseInt(options.get("train-warmups")))
                .warmupTime(TimeValue.milliseconds(iterationMs))
                .measurementIterations(Integer.parseInt(options.get("train-iterations")))
                .measurementTime(TimeValue.milliseconds(iterationMs));
    }

    /**
     * Removes the record and failures of an earlier layout-only run of {@code name}: a full run rewrites
     * {@code <name>-layout.json}, which they would otherwise claim to describe.
     */
    static void forgetLayoutOnlyRun(Path out, String name) throws IOException {
        String layoutRecord = recordName(name, LAYOUT);
        Files.deleteIfExists(out.resolve("runs").resolve(layoutRecord + ".json"));
        Files.deleteIfExists(failedFile(out, layoutRecord));
    }

    /** Where a host lists the benchmarks that threw: {@code failed/<name>.json} beside its JMH files. */
    public static Path failedFile(Path out, String name) {
        return out.resolve("failed").resolve(name + ".json");
    }

    private static List<BenchFailure> steadyAndCold(String framework, Map<String, String> options, EngineEnvironment environment,
                                                    String[] models, int forks, boolean baseline, long iterationMs, Path out, String name)
            throws RunnerException, IOException {
        List<BenchFailure> failures = new ArrayList<>();

        ChainedOptionsBuilder steady = common(framework, options, environment, forks).param("model", models)
                .include(".*Benchmarks\\.(latency|throughput" + (baseline ? "" : "|matmul") + ")$")
                .param("size", options.get("peak-size"))
                .warmupIterations(Integer.parseInt(options.get("warmups")))
                .warmupTime(TimeValue.milliseconds(iterationMs))
                .measurementIterations(Integer.parseInt(options.get("iterations")))
                .measurementTime(TimeValue.milliseconds(iterationMs));
        failures.addAll(run(steady, out.resolve(name + "-steady.json")));

        // Single shots: no warm-up, so that each fork's first build is the cold one (engine natives included).
        ChainedOptionsBuilder cold = common(framework, options, environment, forks).param("model", models)
                .include(".*Benchmarks\\.(build|firstCall)$")
                .warmupIterations(0)
                .measurementIterations(Integer.parseInt(options.get("single-shots")));
        failures.addAll(run(cold, out.resolve(name + "-cold.json")));
        return failures;
    }

    /** The native build a session of this framework loads in this environment (the host's own, as its forks'). */
    private static String nativeBuild(String framework, String device) {
        Framework engine = BenchInputs.framework(framework, device);
        try (TrainingSession session = engine.open(BenchInputs.config("argsort", device))) {
            return engine.nativeBuild();
        }
    }

    private static ChainedOptionsBuilder common(String framework, Map<String, String> options, EngineEnvironment environment,
                                                int forks) {
        List<String> jvm = new ArrayList<>(environment.jvmOptions());
        // a fork's crash report goes where the host's would (beside its log; %p tells them apart), not into the working directory
        String crashReport = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class).getVMOption("ErrorFile").getValue();
        if (!crashReport.isEmpty()) {
            jvm.add("-XX:ErrorFile=" + crashReport);
        }
        jvm.addAll(List.of("-Dpolydl.threads=" + options.get("threads"), "-D" + StepWarmUp.LIMIT_PROPERTY + "=" + options.get("warm-up"),
                "-Dai.djl.offline=true", "-Djava.awt.headless=true"));
        return new OptionsBuilder()
                .param("framework", framework)
                .param("device", options.get("device"))
                .forks(forks)
                .shouldFailOnError(false) // the others still run; FailureTrackingFormat lists the one that threw
                .jvmArgs(jvm.toArray(String[]::new));
    }

    /** Runs the benchmarks, moves their JSON into place, and returns those that threw. */
    private static List<BenchFailure> run(ChainedOptionsBuilder builder, Path result) throws RunnerException, IOException {
        Path partial = result.resolveSibling("." + result.getFileName() + ".partial");
        Options options = builder.resultFormat(ResultFormatType.JSON).result(partial.toString()).build();
        var format = new FailureTrackingFormat(OutputFormatFactory.createFormatInstance(System.out,
                options.verbosity().orElse(VerboseMode.NORMAL)));
        var results = new Runner(options, format).run();
        Files.move(partial, result, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return format.failures(results);
    }
}
