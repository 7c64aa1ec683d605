package dev.polydl.harness;

import dev.polydl.common.InputLayout;
import dev.polydl.common.ModelSpec;
import dev.polydl.harness.bench.BenchHost;
import dev.polydl.harness.bench.BenchSteadiness;
import dev.polydl.harness.bench.Ladder;
import dev.polydl.harness.bench.NoopFramework;
import dev.polydl.harness.report.ReportGenerator;
import dev.polydl.harness.run.ChildJvm;
import dev.polydl.harness.run.Distribution;
import dev.polydl.harness.run.EngineEnvironment;
import dev.polydl.harness.run.FolderLock;
import dev.polydl.harness.run.FrameworkDescription;
import dev.polydl.harness.run.Json;
import dev.polydl.harness.run.Machine;
import dev.polydl.harness.run.MachineSteadiness;
import dev.polydl.harness.run.PolydlBuild;
import dev.polydl.harness.run.ResultFolder;
import dev.polydl.harness.run.SteadinessProbe;
import dev.polydl.harness.run.UsageException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code polydl bench}: the JMH microbenchmarks, one JMH host JVM per framework (each with only that
 * framework's classpath), plus the no-op baseline; then the report is regenerated.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Runs the JMH benchmarks (training step, batch-1 latency, batch-512 throughput, build, first call, "
                + "the engine's own matrix product) for every framework and the no-op baseline, each framework in its own "
                + "JMH host JVM, writes JMH JSON into <out>/bench and regenerates the report.")
final class BenchCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    SharedOptions shared;


    @Option(names = "--models", split = ",", paramLabel = "MODEL", defaultValue = "fcn,cnn,argsort", description = "fcn, cnn, argsort (default: ${DEFAULT-VALUE}).")
    List<String> models;


    @Option(names = "--batch-sizes", split = ",", paramLabel = "N", defaultValue = "32,128,512", description = "Training-step batch sizes (default: ${DEFAULT-VALUE}).")
    List<Integer> batchSizes;



    @Option(names = "--full", description = "Publication settings: 3 forks, 5 warm-up and 10 measurement iterations of 1 s (training "
            + "steps: 2 + 12), 10 single shots.")
    boolean full;

    @Option(names = "--no-baseline", description = "Skip the no-op baseline (the report then cannot state the harness overhead).")
    boolean noBaseline;

    @Option(names = "--no-ladder", description = "Skip the tuning ladder (each engine's training step out of the box, then with one "
            + "more of polydl's engine settings per row).")
    boolean noLadder;

    @Option(names = "--gc-profiler", description = "Add JMH's GC profiler to the training-step table: each row then shows the "
            + "collectors' share of its iterations and the Java heap a step allocates. Off by default, as the committed rows "
            + "were measured; from one build it left PyTorch's FCN step as it was (docs/performance.md).")
    boolean gcProfiler;

    @Option(names = "--layout-only", description = "Run only the kernel-layout benchmark (the CNN's training step with its "
            + "convolutions in each layout, batch 32 and 128) of the chosen frameworks that build both layouts; every other "
            + "benchmark result in the folder stays as it is.")
    boolean layoutOnly;

    @Option(names = "--ladder-only", description = "Run only the tuning ladder of the chosen frameworks; every other benchmark "
            + "result in the folder stays as it is.")
    boolean ladderOnly;

    /** The ladder's training steps: the models and batch sizes whose cost the engine settings change most. */
    static final List<String> LADDER_MODELS = List.of("fcn", "cnn");
    static final List<Integer> LADDER_BATCHES = List.of(32, 128);

    @Option(names = "--warm-up", paramLabel = "DURATION", defaultValue = "20s", description = "Longest untimed training of each "
            + "training-step fork before JMH's iterations, on the benchmark's own session and batch, until enough steps ran for "
            + "the JIT to compile them and it is quiet; 0s leaves warming up to JMH's iterations (default: ${DEFAULT-VALUE}).")
    String warmUp;

    @Option(names = "--host-timeout", paramLabel = "DURATION", defaultValue = "60m", description = "Time limit per JMH host JVM, "
            + "e.g. 90m, 2h (default: ${DEFAULT-VALUE}); a host past it is killed and listed as failed.")
    String hostTimeout;

    @Option(names = "--train-iteration", paramLabel = "DURATION", defaultValue = "1s", description = "Length of each JMH iteration "
            + "of the training-step table, e.g. 400ms, 2s (default: ${DEFAULT-VALUE}); longer iterations average more steps, and so "
            + "more of an engine's periodic pauses (collections, compilations), into each sample.")
    String trainIteration;

    private Duration hostTimeLimit;
    private Duration warmUpLimit;

    /** The polydl build every host of this run records: one value, even if the checkout changes meanwhile. */
    private String polydlBuild;

    @Override
    public Integer call() {
        Distribution distribution = Distribution.located();
        List<String> chosen = shared.frameworks(distribution);
        for (String model : models) {
            try {
                ModelSpec.byName(model.trim());
            } catch (IllegalArgumentException e) {
                throw usage("--models: unknown model '" + model + "' (expected fcn, cnn, argsort)");
            }
        }
        String device = shared.device().id();
        if (batchSizes.stream().anyMatch(b -> b <= 0)) {
            throw usage("--batch-sizes: must be positive, got " + batchSizes);
        }
        if (ladderOnly && (noLadder || layoutOnly)) {
            throw usage("--ladder-only: cannot be combined with " + (noLadder ? "--no-ladder" : "--layout-only"));
        }
        List<String> ladderModels = LADDER_MODELS.stream().filter(models::contains).toList();
        if (ladderOnly && ladderModels.isEmpty()) {
            throw usage("--ladder-only: the ladder times " + String.join(" and ", LADDER_MODELS) + ", and --models chose neither");
        }
        int threadCount = shared.threads();
        hostTimeLimit = shared.duration("--host-timeout", hostTimeout, false);
        warmUpLimit = shared.duration("--warm-up", warmUp, true);
        ResultFolder folder = shared.folder(distribution);
        // One timed warm-up iteration after the warm-up in steps, which ran on the same session and batch.
        long trainIterationMs = shared.duration("--train-iteration", trainIteration, false).toMillis();
        // Three training-step forks: a process settles at its own level, up to 19 % from another's at batch 128
        // (docs/performance.md, "A third fork"), and two forks gave the mean one draw of that spread to average.
        Settings settings = full ? new Settings(3, 5, 10, 1000, 10, 2048, 3, 2, 12, trainIterationMs)
                : new Settings(2, 2, 3, 400, 4, 1024, 3, 1, 12, trainIterationMs);
        // The ladder keeps the shorter iterations: it runs one row per setting, and its errors are not part of the table.
        Settings ladder = new Settings(2, 0, 0, settings.iterationMs(), 0, settings.peakSize(), 2, 1, 6, settings.iterationMs());

        List<String> hosts = new ArrayList<>();
        if (!noBaseline && !layoutOnly && !ladderOnly) {
            hosts.add(NoopFramework.ID);
        }
        if (!ladderOnly) {
            hosts.addAll(chosen);
        }
        // Measured on the 2-core development machine: about 2 s per fork to start a JVM and open a session.
        double trainFork = settings.trainForkSeconds(warmUpLimit);
        double steadyFork = 2 + (settings.warmups() + settings.iterations()) * settings.iterationMs() / 1000.0;
        double expected = hosts.size() * (settings.trainForks() * models.size() * batchSizes.size() * trainFork
                + settings.forks() * ((2 * models.size() + 1) * steadyFork + 2 * models.size() * (2 + 0.3 * settings.singleShots())));
        shared.lock(folder);
        // Only a run of the training-step table rewrites the probes; read them before the hours of benchmarks, so that a
        // damaged file stops such a run while nothing has been measured.
        boolean writesSteadiness = !shared.dryRun && !layoutOnly && !ladderOnly;
        List<MachineSteadiness> earlierProbes = writesSteadiness ? MachineSteadiness.read(folder.benchSteadiness()) : List.of();
        if (!shared.dryRun) {
            requireNoOtherJmhRun();
        }
        Map<String, FrameworkDescription> descriptions = FrameworkDescriptions.describe(distribution, folder, shared.dryRun, chosen, threadCount, System.out);
        if (layoutOnly) {
            hosts.removeIf(host -> !descriptions.get(host).inputLayouts().contains(InputLayout.CHANNELS_LAST));
            if (hosts.isEmpty()) {
                throw usage("--layout-only: none of " + String.join(", ", chosen) + " builds the CNN for channels-last input");
            }
            expected = hosts.size() * settings.trainForks() * 2 * 2 * trainFork; // 2 kernel layouts × batch 32 and 128
        }
        // The ladder times the FCN and the CNN only: with neither chosen there is nothing for it to run.
        boolean runsLadder = !noLadder && !layoutOnly && !ladderModels.isEmpty();
        int rungs = !runsLadder ? 0 : descriptions.values().stream().mapToInt(FrameworkDescription::rungs).sum();
        if (ladderOnly && rungs == 0) {
            throw usage("--ladder-only: none of " + String.join(", ", chosen) + " declares an engine setting, so there is no ladder to run");
        }
        expected += rungs * ladderModels.size() * LADDER_BATCHES.size() * ladder.trainForks() * ladder.trainForkSeconds(warmUpLimit);
        String ladderPlan = rungs == 0 ? "no tuning ladder" : String.format(Locale.ROOT,
                "tuning ladder: %d runs of %s × batch %s (%d forks; training step only: warm-up in steps of at most %d s, then %d + %d iterations of %d ms)",
                rungs, String.join(",", ladderModels), String.join(",", LADDER_BATCHES.stream().map(String::valueOf).toList()),
                ladder.trainForks(), warmUpLimit.toSeconds(), ladder.trainWarmups(), ladder.trainIterations(), ladder.trainIterationMs());
        if (ladderOnly) {
            System.out.printf(Locale.ROOT, "bench: %s on %s, %d threads, %s%n", String.join(",", chosen), device, threadCount, ladderPlan);
        } else {
            System.out.printf(Locale.ROOT, "bench: %s × %s on %s, %d threads, %d forks, %d×%d ms warm-up, %d×%d ms measurement "
                            + "(training step: %d forks, warm-up in steps of at most %d s, then %d + %d iterations of %d ms), %d single shots; %s%n",
                    String.join(",", hosts), layoutOnly ? ModelSpec.CNN.name() + " (kernel layouts only)" : String.join(",", models), device,
                    threadCount, settings.forks(), settings.warmups(), settings.iterationMs(), settings.iterations(), settings.iterationMs(),
                    settings.trainForks(), warmUpLimit.toSeconds(), settings.trainWarmups(), settings.trainIterations(), settings.trainIterationMs(),
                    settings.singleShots(), ladderPlan);
        }
        System.out.printf(Locale.ROOT, "expected: about %.0f min (less where warm-ups end early, more where slow steps, such as a CNN step at batch 512, "
                        + "overrun their iterations); JMH JSON in %s%n",
                Math.ceil(expected / 60), folder.bench());
        if (shared.dryRun) {
            return 0;
        }
        polydlBuild = PolydlBuild.of(distribution.home());
        Machine machine = Machine.here();
        List<MachineSteadiness> steadiness = new ArrayList<>(SteadinessProbe.probe(MachineSteadiness.BEFORE, threadCount, machine,
                System.out));
        List<String> failed = new ArrayList<>();
        for (String host : hosts) {
            EngineEnvironment environment = host.equals(NoopFramework.ID) ? EngineEnvironment.harnessOnly()
                    : descriptions.get(host).environment(shared.device());
            Host run = new Host(host, host, folder.bench(), environment, layoutOnly ? BenchHost.LAYOUT : BenchHost.FULL);
            if (!runHost(distribution, folder, run, layoutOnly ? List.of(ModelSpec.CNN.name()) : models, batchSizes, threadCount,
                    settings, device)) {
                failed.add(host);
            }
        }
        for (String framework : runsLadder ? chosen : List.<String>of()) {
            int frameworkRungs = descriptions.get(framework).rungs();
            Ladder.forgetRungsAbove(folder.bench().resolve("ladder"), folder.bench().resolve("logs"), framework, frameworkRungs - 1);
            for (int rung = 0; rung < frameworkRungs; rung++) {
                Host host = new Host(framework, Ladder.hostName(framework, rung), folder.bench().resolve("ladder"),
                        descriptions.get(framework).environment(shared.device(), rung), BenchHost.LADDER);
                if (!runHost(distribution, folder, host, ladderModels, LADDER_BATCHES, threadCount, ladder, device)) {
                    failed.add(host.name());
                }
            }
        }
        steadiness.addAll(SteadinessProbe.probe(MachineSteadiness.AFTER, threadCount, machine, System.out));
        if (writesSteadiness) { // the probes describe the session of the training-step table, which the other runs leave
            boolean everyHost = !noBaseline && chosen.containsAll(distribution.frameworks());
            Json.write(folder.benchSteadiness(), BenchSteadiness.after(earlierProbes, steadiness, hosts, everyHost));
        }
        Path report = new ReportGenerator(List.of(folder), folder.root()).write();
        System.out.println("report: " + report);
        if (!failed.isEmpty()) {
            System.out.println("the JMH host of " + String.join(", ", failed) + " failed; see " + folder.bench().resolve("logs"));
            return 1;
        }
        return 0;
    }

    record Settings(int forks, int warmups, int iterations, long iterationMs, int singleShots, int peakSize, int trainForks, int trainWarmups,
                    int trainIterations, long trainIterationMs) {
        /** Expected length of one training-step fork: JVM start and session (about 2 s), warm-up in steps, JMH's iterations. */
        double trainForkSeconds(Duration warmUpLimit) {
            return 2 + warmUpLimit.toSeconds() + (trainWarmups + trainIterations) * trainIterationMs / 1000.0;
        }
    }

    /** One JMH host run: a framework in one engine environment, its files named {@code name} in {@code out}. */
    record Host(String framework, String name, Path out, EngineEnvironment environment, String suite) {
    }

    /** Runs one JMH host JVM; false if it failed. */
    private boolean runHost(Distribution distribution, ResultFolder folder, Host host, List<String> hostModels, List<Integer> batches,
                            int threadCount, Settings settings, String device) {
        Path environmentFile = folder.work().resolve("bench-" + host.name() + ".environment.json");
        Json.write(environmentFile, host.environment());
        List<String> args = List.of("--framework", host.framework(), "--name", host.name(), "--out", host.out().toString(),
                "--environment", environmentFile.toString(), "--suite", host.suite(),
                "--models", String.join(",", hostModels),
                "--device", device, "--batches", String.join(",", batches.stream().map(String::valueOf).toList()),
                "--threads", Integer.toString(threadCount), "--forks", Integer.toString(settings.forks()),
                "--warmups", Integer.toString(settings.warmups()), "--iterations", Integer.toString(settings.iterations()),
                "--train-forks", Integer.toString(settings.trainForks()), "--train-warmups", Integer.toString(settings.trainWarmups()),
                "--train-iterations", Integer.toString(settings.trainIterations()),
                "--train-iteration-ms", Long.toString(settings.trainIterationMs()),
                "--iteration-ms", Long.toString(settings.iterationMs()), "--single-shots", Integer.toString(settings.singleShots()),
                "--peak-size", Integer.toString(settings.peakSize()), "--warm-up", Long.toString(warmUpLimit.toSeconds()),
                "--polydl-build", polydlBuild, "--" + BenchHost.GC_PROFILER, Boolean.toString(gcProfiler));
        Path log = folder.bench().resolve("logs").resolve(BenchHost.recordName(host.name(), host.suite()) + ".log");
        String classpathFramework = host.framework().equals(NoopFramework.ID) ? null : host.framework();
        System.out.println("bench: " + host.name() + " (JMH host JVM with " + (classpathFramework == null ? "the harness only"
                : host.framework() + "'s classpath") + (host.environment().settings().isEmpty() ? "" : "; "
                + String.join("; ", host.environment().settings())) + "; log " + log + ")");
        ChildJvm jmhHost = new ChildJvm(classpathFramework, threadCount, host.environment(), BenchHost.class.getName(), args, log,
                hostTimeLimit);
        String[] parameters = {""};
        ChildJvm.Exit exit = jmhHost.run(distribution, line -> {
            if (line.startsWith("# Benchmark: ")) {
                parameters[0] = line.substring(line.lastIndexOf('.') + 1);
            } else if (line.startsWith("# Parameters: ")) {
                parameters[0] += " " + line.substring("# Parameters: ".length());
            } else if (line.startsWith("# Run progress: ")) {
                System.out.println("  " + host.name() + ": " + line.substring(2) + " — " + parameters[0]);
            } else if (line.contains("<failure>") || line.startsWith("java.lang.") || line.contains("Exception:")) {
                System.out.println("  " + host.name() + ": " + line);
            }
            return true;
        });
        if (!exit.succeeded()) {
            System.out.println("  " + host.name() + ": JMH host " + exit.describe(hostTimeLimit) + "; see " + log);
        }
        return exit.succeeded();
    }

    /**
     * JMH allows one run per machine through its lock file; a second bench would see every host fail. Two
     * benchmark runs at once would also time each other, so refuse in one line instead.
     */
    private static void requireNoOtherJmhRun() {
        Path jmhLock = Path.of(System.getProperty("java.io.tmpdir"), "jmh.lock");
        boolean inUse;
        try {
            inUse = FolderLock.inUse(jmhLock);
        } catch (IOException e) {
            throw new UsageException("cannot check JMH's lock " + jmhLock + ": " + e.getMessage());
        }
        if (inUse) {
            throw new UsageException("another JMH run holds " + jmhLock + " on this machine; wait for it to end (two benchmark "
                    + "runs at once would time each other)");
        }
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }
}
