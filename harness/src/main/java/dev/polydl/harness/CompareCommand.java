package dev.polydl.harness;

import dev.polydl.common.Device;
import dev.polydl.common.DeviceSupport;
import dev.polydl.common.ModelSpec;
import dev.polydl.common.TrainTestSplit;
import dev.polydl.harness.report.ReportGenerator;
import dev.polydl.harness.report.SourceLines;
import dev.polydl.harness.run.CellResult;
import dev.polydl.harness.run.CellSpec;
import dev.polydl.harness.run.ChildJvm;
import dev.polydl.harness.run.DataSpec;
import dev.polydl.harness.run.Distribution;
import dev.polydl.harness.run.EngineEnvironment;
import dev.polydl.harness.run.FrameworkDescription;
import dev.polydl.harness.run.HostSteal;
import dev.polydl.harness.run.Json;
import dev.polydl.harness.run.Machine;
import dev.polydl.harness.run.MachineSteadiness;
import dev.polydl.harness.run.ParityFiles;
import dev.polydl.harness.run.Plan;
import dev.polydl.harness.run.PolydlBuild;
import dev.polydl.harness.run.PortResult;
import dev.polydl.harness.run.PortSpec;
import dev.polydl.harness.run.Provenance;
import dev.polydl.harness.run.ResultFolder;
import dev.polydl.harness.run.Resume;
import dev.polydl.harness.run.ShardMerge;
import dev.polydl.harness.run.SteadinessProbe;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code polydl compare}: every framework on every task, each cell in its own JVM, then the report. */
@Command(name = "compare", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Trains every framework on every task (each cell in its own JVM), evaluates every framework's "
                + "weights in every other framework, and writes the report. Finished cells are kept: a rerun runs only "
                + "what is missing, failed or timed out.")
final class CompareCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    SharedOptions shared;

    @Option(names = "--tasks", split = ",", paramLabel = "TASK", defaultValue = "fcn,cnn,argsort,transfer",
            description = "fcn, cnn, argsort, transfer (default: ${DEFAULT-VALUE}).")
    List<String> tasks;


    @Option(names = "--epochs", paramLabel = "N", description = "Epochs for every task (default per task: fcn 8, cnn 3, argsort 500).")
    Integer epochs;

    @Option(names = "--batch-size", paramLabel = "N", description = "Batch size for every task (default per task: fcn 32, cnn 32, argsort 10000, the whole train set).")
    Integer batchSize;

    @Option(names = "--optimizer", paramLabel = "NAME", description = "sgd or adam for every task (default: adam for fcn and cnn, sgd for argsort).")
    String optimizer;

    @Option(names = "--lr", paramLabel = "RATE", description = "Learning rate for every task (default: 1e-3 for adam, 0.5 for argsort's sgd).")
    Double learningRate;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42", description = "Seed of weights, split and data order (default: ${DEFAULT-VALUE}).")
    long seed;


    @Option(names = "--repeats", paramLabel = "N", defaultValue = "1", description = "Runs per cell, each with its own seed (default: ${DEFAULT-VALUE}).")
    int repeats;

    @Option(names = "--dataset", paramLabel = "NAME", defaultValue = DataSpec.MNIST_SAMPLE, description = "mnist-sample or fashion-mnist (default: ${DEFAULT-VALUE}).")
    String dataset;

    @Option(names = "--train", paramLabel = "FILE", description = "Train data instead of --dataset: a CSV, or an IDX pair images,labels.")
    String train;

    @Option(names = "--test", paramLabel = "FILE", description = "Test data (default: a stratified 20 %% of --train).")
    String test;


    @Option(names = "--cell-timeout", paramLabel = "DURATION", defaultValue = "20m", description = "Time limit per cell, e.g. 90s, 20m, 1h (default: ${DEFAULT-VALUE}).")
    String cellTimeout;

    @Option(names = "--warm-up", paramLabel = "DURATION", defaultValue = "60s", description = "Longest untimed training before each "
            + "cell's timed epochs, each 1 s window on a fresh throwaway session, until enough steps ran for the JIT to compile "
            + "them and it is quiet; 0s for none (default: ${DEFAULT-VALUE}).")
    String warmUp;

    @Option(names = "--shard", paramLabel = "I/N", description = "Run only shard I of N of the cells (merge the folders with polydl report).")
    String shard;

    @Option(names = "--no-layout-variants", description = "Skip the CNN's channels-last cells.")
    boolean noLayoutVariants;

    @Option(names = "--no-portability", description = "Skip loading every framework's weights into every other.")
    boolean noPortability;

    @Option(names = "--force", description = "Run finished cells again.")
    boolean force;


    @Option(names = "--merge", paramLabel = "DIR", description = "Run no cells: take the planned cells from these results folders "
            + "(shards run with --shard, e.g. by polydl submit slurm) into --out, with their weights and logs, then run the "
            + "portability matrix over them and write the report. Repeat the option for each folder.")
    List<Path> merge;

    @Override
    public Integer call() {
        Distribution distribution = Distribution.located();
        check(distribution);
        List<String> chosen = shared.frameworks(distribution);
        List<String> chosenTasks = chosenTasks();
        Device deviceValue = shared.device();
        Duration timeout = shared.duration("--cell-timeout", cellTimeout, false);
        Duration warmUpLimit = shared.duration("--warm-up", warmUp, true);
        int[] shardOf = shard == null ? new int[] {1, 1} : parseShard();
        DataSpec data = new DataSpec(train != null ? DataSpec.FILES : dataset, train, test, seed);
        int threadCount = shared.threads();
        ResultFolder folder = shared.folder(distribution);
        PrintStream console = System.out;

        int trainSamples = 0;
        if (chosenTasks.stream().anyMatch(task -> !task.equals(ModelSpec.ARGSORT.name()))) {
            long start = System.nanoTime();
            TrainTestSplit split = data.load();
            trainSamples = split.train().size();
            console.printf(Locale.ROOT, "data: %s: %d train / %d test images, checked in %.1f s%n", data.describe(),
                    split.train().size(), split.test().size(), (System.nanoTime() - start) / 1e9);
        }

        shared.lock(folder);
        Map<String, FrameworkDescription> descriptions = FrameworkDescriptions.describe(distribution, folder, shared.dryRun, chosen, threadCount, console);
        Machine machine = Machine.here();
        Provenance provenance = new Provenance(machine, PolydlBuild.of(distribution.home()));
        console.printf("machine: %s; polydl build %s%n", machine.label(), provenance.polydlBuild());
        var request = new Plan.Request(chosen, chosenTasks, deviceValue, epochs, batchSize, optimizer, learningRate, seed,
                threadCount, warmUpLimit.toSeconds(), repeats, data, !noLayoutVariants, provenance);
        List<CellSpec> all = Plan.cells(request, descriptions);
        List<CellSpec> cells = Plan.shard(all, shardOf[0], shardOf[1]);
        List<CellSpec> toRun = new ArrayList<>();
        int missing = 0;
        if (merge != null) {
            if (shared.dryRun) {
                console.println("would take the " + cells.size() + " planned cells from " + merge + " into " + folder.root());
                return 0;
            }
            missing = merge(cells, folder, distribution, console);
        } else {
            Map<String, Integer> reasons = new LinkedHashMap<>();
            for (CellSpec cell : cells) {
                FrameworkDescription description = descriptions.get(cell.framework());
                String reason = force ? "--force" : Resume.rerunReason(cell, folder.result(cell.id()).orElse(null),
                        description.frameworkVersion(), description.nativeVersion());
                if (reason != null) {
                    toRun.add(cell);
                    reasons.merge(reason, 1, Integer::sum);
                }
            }
            double expected = 0;
            for (CellSpec cell : toRun) {
                expected += Plan.estimateSeconds(cell, folder, trainSamples);
            }
            console.printf(Locale.ROOT, "plan: %d cells (%s × %s on %s, %d thread%s, %d repeat%s%s), %d finished earlier, %d to run%n",
                    cells.size(), String.join(",", chosen), String.join(",", chosenTasks), deviceValue.id(), threadCount,
                    threadCount == 1 ? "" : "s", repeats, repeats == 1 ? "" : "s",
                    shard == null ? "" : ", shard " + shard + " of " + all.size() + " cells", cells.size() - toRun.size(), toRun.size());
            Plan.describeTasks(request, cells).forEach(line -> console.println("  " + line));
            console.println("  warm-up: " + (warmUpLimit.isZero() ? "none (--warm-up 0s): the JIT compiles during the timed epochs"
                    : CellResult.WarmUp.rule() + ", at most " + ChildJvm.format(warmUpLimit)));
            reasons.forEach((reason, count) -> console.printf("  %d to run: %s%n", count, reason));
            console.printf(Locale.ROOT, "expected: about %.0f min for the cells%s; results in %s%n", Math.ceil(expected / 60),
                    noPortability || shard != null ? "" : ", then about 1 min for portability", folder.root());
            if (shared.dryRun) {
                toRun.forEach(cell -> console.println("  would run " + Plan.describe(cell)));
                return 0;
            }
        }

        Instant started = Instant.now();
        double stealAtStart = HostSteal.seconds();
        List<MachineSteadiness> steadiness = new ArrayList<>();
        if (!toRun.isEmpty()) {
            // The machine and code of the cells about to run; a rerun with nothing to do keeps those that measured them.
            Json.write(folder.machine(), machine);
            Json.write(folder.sourceLines(), SourceLines.count(distribution.home()));
            steadiness.addAll(SteadinessProbe.probe(MachineSteadiness.BEFORE, threadCount, machine, console));
        }
        Runner runner = new Runner(distribution, folder, timeout, console, System.console() != null);
        int index = 0;
        for (CellSpec cell : toRun) {
            index++;
            String label = "[" + index + "/" + toRun.size() + "] " + Plan.describe(cell);
            DeviceSupport support = descriptions.get(cell.framework()).support(deviceValue).orElse(null);
            if (support == null || !support.usable()) {
                String reason = support == null ? "reports no " + deviceValue.id() + " support" : support.reason();
                Json.write(folder.cell(cell.id()), CellResult.unfinished(cell, CellResult.UNSUPPORTED, reason, Instant.now().toString(), 0));
                console.printf("  %-34s unsupported: %s%n", label, reason);
                continue;
            }
            CellResult result = runner.train(cell, label);
            console.printf(Locale.ROOT, "  %-34s %s in %.0f s%s%n", label, result.status(), result.wallSeconds(), summary(result));
        }
        if (!toRun.isEmpty()) {
            steadiness.addAll(SteadinessProbe.probe(MachineSteadiness.AFTER, threadCount, machine, console));
            Json.write(folder.steadiness(), steadiness);
        }

        if (!noPortability && shard == null) {
            portability(folder, runner, descriptions, chosen, chosenTasks, deviceValue, threadCount, data, provenance, console);
        }
        ParityFiles.collect(distribution.home(), folder.parity());
        if (!toRun.isEmpty()) {
            Json.write(folder.run(), Map.of("command", String.join(" ", spec.commandLine().getParseResult().originalArgs()),
                "started", started.toString(), "finished", Instant.now().toString(),
                    "wallSeconds", Duration.between(started, Instant.now()).toMillis() / 1000.0, "threads", threadCount,
                    "cellsRun", toRun.size(), "hostStealSeconds", HostSteal.seconds() - stealAtStart));
        }
        Path report = new ReportGenerator(List.of(folder), folder.root()).write();
        console.println("report: " + report);
        long bad = cells.stream().map(c -> folder.result(c.id()).orElse(null)).filter(Objects::nonNull)
                .filter(r -> r.status().equals(CellResult.FAILED) || r.status().equals(CellResult.TIMEOUT)).count();
        if (bad > 0) {
            console.println(bad + " cell(s) failed or timed out; see the report and " + folder.logs() + "; a rerun runs only those");
        }
        if (missing > 0) {
            console.println(missing + " planned cell(s) in none of the --merge folders; the report lists what was found");
        }
        return bad > 0 || missing > 0 ? 1 : 0;
    }

    /** Takes the planned cells from the --merge folders; returns how many no folder has. */
    private int merge(List<CellSpec> cells, ResultFolder folder, Distribution distribution, PrintStream console) {
        ShardMerge.Outcome merged = ShardMerge.gather(cells, merge.stream().map(dir -> new ResultFolder(dir.toAbsolutePath())).toList(), folder);
        merged.absent().forEach(dir -> console.println("warning: " + dir + ": no such folder; its cells are missing"));
        console.printf("merge: %d planned cells: %d taken from %d folder(s), %d already here, %d in no folder%s%n", cells.size(),
                merged.copied().size(), merge.size() - merged.absent().size(), merged.kept().size(), merged.missing().size(),
                merged.missing().isEmpty() ? "" : " (" + String.join(", ", merged.missing()) + ")");
        if (!merged.copied().isEmpty()) {
            Json.write(folder.sourceLines(), SourceLines.count(distribution.home()));
        }
        return merged.missing().size();
    }

    private void portability(ResultFolder folder, Runner runner, Map<String, FrameworkDescription> descriptions, List<String> chosen,
                             List<String> chosenTasks, Device device,
                             int threadCount, DataSpec data, Provenance provenance, PrintStream console) {
        List<PortSpec.Source> sources = new ArrayList<>();
        for (CellResult result : folder.results()) {
            CellSpec cell = result.spec();
            if (result.status().equals(CellResult.OK) && result.weights() != null && cell.repeat() == 1
                    && cell.layout().equals(CellSpec.CHANNELS_FIRST) && cell.device().equals(device.id())
                    && chosen.contains(cell.framework()) && chosenTasks.contains(cell.task())
                    && Files.isRegularFile(folder.weights().resolve(result.weights()))) {
                sources.add(new PortSpec.Source(cell.id(), cell.framework(), cell.task(), result.weights(), result.metric()));
            }
        }
        if (sources.isEmpty()) {
            return;
        }
        console.printf("portability: %d trained models, each evaluated in %d framework(s)%n", sources.size(), chosen.size());
        for (String framework : chosen) {
            PortSpec portSpec = new PortSpec("portability-" + framework + "-" + device.id(), framework, device.id(), threadCount, data, sources,
                    descriptions.get(framework).environment(device), provenance);
            Path existing = folder.portability().resolve(framework + ".json");
            if (!force && Files.isRegularFile(existing)) {
                PortResult earlier = Json.read(existing, PortResult.class);
                if (earlier.status().equals(CellResult.OK) && earlier.spec().equals(portSpec)) {
                    continue;
                }
            }
            PortResult result = runner.port(portSpec);
            console.printf(Locale.ROOT, "  portability into %-12s %s in %.0f s%s%n", framework, result.status(), result.wallSeconds(),
                    result.reason() == null ? "" : ": " + result.reason());
        }
    }

    /**
     * Every check of the options that needs neither the data nor the engines: {@code submit slurm} runs them before
     * anything is queued.
     */
    void check(Distribution distribution) {
        shared.frameworks(distribution);
        chosenTasks();
        shared.device();
        shared.threads();
        positive("--epochs", epochs);
        positive("--batch-size", batchSize);
        positive("--repeats", repeats);
        if (optimizer != null && !optimizer.equals("sgd") && !optimizer.equals("adam")) {
            throw usage("--optimizer: unknown optimizer '" + optimizer + "' (expected sgd or adam)");
        }
        if (learningRate != null && !(learningRate > 0 && Double.isFinite(learningRate))) {
            throw usage("--lr: must be a positive number, got " + learningRate);
        }
        shared.duration("--cell-timeout", cellTimeout, false);
        shared.duration("--warm-up", warmUp, true);
        if (shard != null) {
            parseShard();
        }
        if (test != null && train == null) {
            throw usage("--test needs --train as well");
        }
        if (train != null && spec.commandLine().getParseResult().hasMatchedOption("--dataset")) {
            throw usage("--dataset and --train exclude each other");
        }
        if (train == null && !dataset.equals(DataSpec.MNIST_SAMPLE) && !dataset.equals(DataSpec.FASHION_MNIST)) {
            throw usage("--dataset: unknown dataset '" + dataset + "' (expected mnist-sample or fashion-mnist)");
        }
        if (merge != null && (shard != null || force)) {
            throw usage("--merge runs no cells: it excludes " + (shard != null ? "--shard" : "--force"));
        }
    }

    private List<String> chosenTasks() {
        List<String> chosen = new ArrayList<>();
        for (String task : tasks) {
            try {
                chosen.add(ModelSpec.byName(task.trim()).name());
            } catch (IllegalArgumentException e) {
                throw usage("--tasks: unknown task '" + task + "' (expected " + ModelSpec.canonicalNames() + ")");
            }
        }
        return chosen;
    }

    private static String summary(CellResult result) {
        if (result.metric() != null) {
            return String.format(Locale.ROOT, ", test %s %s", result.metricName(),
                    result.metricName().equals("score") ? String.format(Locale.ROOT, "%.2f %%", result.metric())
                            : String.format(Locale.ROOT, "%.4f", result.metric()));
        }
        return result.reason() == null ? "" : ": " + result.reason();
    }

    private void positive(String option, Integer value) {
        if (value != null && value <= 0) {
            throw usage(option + ": must be positive, got " + value);
        }
    }

    private int[] parseShard() {
        try {
            return Plan.parseShard(shard);
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }
}
