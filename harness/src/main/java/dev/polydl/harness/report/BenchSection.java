package dev.polydl.harness.report;

import dev.polydl.common.MatrixProduct;
import dev.polydl.common.ModelSpec;
import dev.polydl.harness.bench.BenchFailure;
import dev.polydl.harness.bench.BenchHost;
import dev.polydl.harness.bench.BenchResults;
import dev.polydl.harness.bench.Benchmarks;
import dev.polydl.harness.bench.NoopFramework;
import dev.polydl.harness.bench.StepWarmUp;
import dev.polydl.harness.run.Distribution;
import dev.polydl.harness.run.Json;
import dev.polydl.harness.run.ResultFolder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The JMH section of the report: step time, latency, throughput, cold start, overhead and % of the machine's peak. */
final class BenchSection implements Section {
    private final List<ResultFolder> inputs;
    private final List<BenchResults.Row> rows;
    private final ChartFolder charts;

    BenchSection(Results results, ChartFolder charts) {
        this.inputs = results.folders();
        this.rows = results.bench();
        this.charts = charts;
    }

    @Override
    public String title() {
        return "Microbenchmarks (JMH)";
    }

    /** How the training-step forks warmed up before JMH's iterations, from the limits their JVM arguments record. */
    private static String stepWarmUp(List<BenchResults.Row> rows) {
        List<Double> limits = rows.stream().filter(r -> r.method().equals("trainStep")).map(BenchResults.Row::warmUpLimitSeconds)
                .distinct().sorted().toList();
        if (limits.equals(List.of(0.0))) {
            return "Each fork warmed up with JMH's timed warm-up iterations only, which leave the JIT compiling into the measured "
                    + "iterations (docs/performance.md).";
        }
        return "Before JMH's warm-up iterations, each fork ran " + StepWarmUp.rule() + ", at most "
                + limits.stream().map(l -> l == 0 ? "no warm-up" : String.format(Locale.ROOT, "%.0f s", l)).collect(Collectors.joining(" or ")) + ".";
    }

    /** How many samples each training step's error rests on: forks × measured iterations of JMH's iteration length. */
    private static String stepSampling(List<BenchResults.Row> rows) {
        String sampling = rows.stream().filter(r -> r.method().equals("trainStep") && !r.forks().isEmpty())
                .map(r -> count(r.forks().size(), "fork") + " × " + count(r.forks().get(0).size(), "iteration")
                        + (r.iterationTime().isEmpty() ? "" : " of " + r.iterationTime()))
                .distinct().sorted().collect(Collectors.joining(" or "));
        return sampling.isEmpty() ? "" : " Each step time is the mean of " + sampling + ".";
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    @Override
    public void append(StringBuilder md) {
        failures(md, inputs);
        if (rows.isEmpty()) {
            md.append("No benchmark results in these folders: run `./polydl bench` (or `mvn -Pbenchmark verify`).\n\n");
            LadderSection.append(md, inputs);
            return;
        }
        List<String> frameworks = rows.stream().map(r -> r.param("framework")).filter(f -> !f.equals(NoopFramework.ID)).distinct()
                .sorted(Distribution.reportOrder()).toList();
        List<String> models = ModelSpec.canonical().stream().map(ModelSpec::name)
                .filter(m -> rows.stream().anyMatch(r -> r.param("model").equals(m))).toList();
        md.append("Each framework ran in its own JMH host JVM with only its own classpath; JMH forks inherit it. Errors are JMH's 99.9 % ")
                .append("confidence half-widths over every fork's measured iterations. The `noop` baseline goes through the same ")
                .append("harness code and does no math; *overhead* is its time as a share of the framework's. Raw JMH JSON: `bench/`.\n\n");

        // The machine's peak: the best FP32 matrix product any engine reached.
        Map<String, Double> gflops = new LinkedHashMap<>();
        int size = 0;
        for (String framework : frameworks) {
            Optional<BenchResults.Row> peak = find(rows, "matmul", framework, Map.of());
            if (peak.isPresent()) {
                size = Integer.parseInt(peak.get().param("size"));
                gflops.put(framework, peak.get().score() * MatrixProduct.flops(size) / 1e9);
            }
        }
        double machinePeak = gflops.values().stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
        if (!gflops.isEmpty()) {
            md.append("### The machine's peak\n\nFP32 ").append(size).append("×").append(size)
                    .append(" matrix product through each engine's own kernel (GFLOP/s = 2n³ × products per second). The best is taken as ")
                    .append("the machine's peak:\n\n| framework | GFLOP/s |\n|---|---|\n");
            gflops.forEach((framework, value) -> md.append(String.format(Locale.ROOT, "| %s | %.1f |%n", framework, value)));
            md.append(String.format(Locale.ROOT, "%nMachine peak: **%.1f GFLOP/s**.%n%n", machinePeak));
        }

        md.append("### Training step\n\nOne step (forward, loss, backward, update) on a fixed batch of real samples. *Achieved* = the model's ")
                .append("analytic training FLOPs × batch / step time. ").append(stepWarmUp(rows)).append(stepSampling(rows)).append("\n\n")
                .append("*Error* is the 99.9 % half-width as a share of the step time; at batch 128 and above, more than ")
                .append(String.format(Locale.ROOT, "%.0f", 100 * Spread.NOISY)).append(" % is marked noisy. *Forks apart*: the highest ")
                .append("fork's mean minus the lowest's, as a share of the step time; an engine's process can keep its own level for ")
                .append("all its iterations, which the error, pooled over every iteration, does not single out. *GC*: the garbage ")
                .append("collectors' share of the measured iterations' time, and the Java heap one step allocated (JMH's GC profiler, ")
                .append("run only with `--gc-profiler`; — for rows measured without it): the ")
                .append("engine's Java side, which collections can slow in some iterations and not others.\n\n");
        SteadinessText.append(md, SteadinessText.read(inputs.stream().map(ResultFolder::benchSteadiness).toList()), "the benchmarks");
        md.append("| framework | model | batch | step (ms) | error | forks apart | GC (heap per step) | samples/s | achieved GFLOP/s | % of peak | harness overhead |\n")
                .append("|---|---|---|---|---|---|---|---|---|---|---|\n");
        List<String> batches = rows.stream().filter(r -> r.method().equals("trainStep")).map(r -> r.param("batch")).distinct()
                .sorted((a, b) -> Integer.compare(Integer.parseInt(a), Integer.parseInt(b))).toList();
        for (String framework : frameworks) {
            for (String model : models) {
                for (String batch : batches) {
                    find(rows, "trainStep", framework, Map.of("model", model, "batch", batch)).ifPresent(row -> {
                        double seconds = row.score() / 1000;
                        int samples = Integer.parseInt(batch);
                        double achieved = ModelSpec.byName(model).trainStepFlops() * (double) samples / seconds / 1e9;
                        String overhead = find(rows, "trainStep", NoopFramework.ID, Map.of("model", model, "batch", batch))
                                .map(noop -> String.format(Locale.ROOT, "%.2g %%", 100 * noop.score() / row.score())).orElse("—");
                        double share = row.error() / row.score();
                        String error = Double.isNaN(share) ? "—" : String.format(Locale.ROOT, "%.1f %%", 100 * share)
                                + (samples >= 128 && share > Spread.NOISY ? " **noisy**" : "");
                        double forkSpread = row.forkSpread();
                        String forksApart = Double.isNaN(forkSpread) ? "—" : String.format(Locale.ROOT, "%.1f %%", 100 * forkSpread);
                        md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s | %.0f | %.2f | %s | %s |%n", framework, model, batch,
                                withError(row, 3), error, forksApart, collections(row), samples / seconds, achieved,
                                Double.isNaN(machinePeak) ? "—" : String.format(Locale.ROOT, "%.1f %%", 100 * achieved / machinePeak), overhead));
                    });
                }
            }
        }
        find(rows, "trainStep", NoopFramework.ID, Map.of()).ifPresent(noop -> md.append(String.format(Locale.ROOT,
                "%nThe no-op baseline's step takes %.2g ± %.1g ms (%s, batch %s): the benchmark call through the common interface.%n",
                noop.score(), noop.error(), noop.param("model"), noop.param("batch"))));
        md.append('\n');

        String chartBatch = batches.contains("128") ? "128" : batches.isEmpty() ? null : batches.get(0);
        if (chartBatch != null) {
            List<Charts.Panel> panels = new ArrayList<>();
            for (String model : models) {
                Map<String, double[]> bars = new LinkedHashMap<>();
                for (String framework : frameworks) {
                    find(rows, "trainStep", framework, Map.of("model", model, "batch", chartBatch))
                            .ifPresent(r -> bars.put(framework, new double[] {r.score() / 1000, r.error() / 1000}));
                }
                if (!bars.isEmpty()) {
                    panels.add(new Charts.Panel(model, bars));
                }
            }
            charts.embed(md, "bench-train-step.png", "Training step time per model and framework (JMH), one panel per model",
                    file -> Charts.panels(file, "Training step at batch " + chartBatch + " (JMH; lower is better; error bars: 99.9 % "
                            + "half-widths)", "per step", panels));
        }

        md.append("### Inference\n\nEval mode. Latency: batch 1, JMH sample-time percentiles. Throughput: batch ")
                .append(Benchmarks.ThroughputState.BATCH).append(".\n\n| framework | model | p50 (ms) | p90 (ms) | p99 (ms) | throughput (samples/s) |\n|---|---|---|---|---|---|\n");
        for (String framework : frameworks) {
            for (String model : models) {
                Optional<BenchResults.Row> latency = find(rows, "latency", framework, Map.of("model", model));
                Optional<BenchResults.Row> throughput = find(rows, "throughput", framework, Map.of("model", model));
                if (latency.isEmpty() && throughput.isEmpty()) {
                    continue;
                }
                md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s |%n", framework, model,
                        latency.map(r -> percentile(r, "50.0")).orElse("—"), latency.map(r -> percentile(r, "90.0")).orElse("—"),
                        latency.map(r -> percentile(r, "99.0")).orElse("—"),
                        throughput.map(r -> String.format(Locale.ROOT, "%.0f ± %.0f", r.score() * Benchmarks.ThroughputState.BATCH,
                                r.error() * Benchmarks.ThroughputState.BATCH)).orElse("—")));
            }
        }
        md.append("\n### Engine environment of the benchmarks\n\n| host | engine settings | environment | JVM options | native build |\n")
                .append("|---|---|---|---|---|\n");
        List<BenchHost.Run> runs = runs(inputs);
        for (BenchHost.Run run : runs) {
            md.append("| ").append(run.name()).append(" | ").append(EnvironmentText.settings(run.environment())).append(" | ")
                    .append(EnvironmentText.variables(run.environment())).append(" | ").append(EnvironmentText.jvm(run.environment()))
                    .append(" | ").append(run.nativeBuild()).append(" |\n");
        }
        md.append('\n');
        Map<String, List<String>> machines = new LinkedHashMap<>();
        for (BenchHost.Run run : runs) {
            machines.computeIfAbsent(Machines.of(run), w -> new ArrayList<>()).add(run.name());
        }
        if (!machines.isEmpty()) {
            md.append("Measured on ").append(machines.size() == 1 ? machines.keySet().iterator().next() + " (every host)"
                : machines.entrySet().stream().map(e -> e.getKey() + " (" + String.join(", ", e.getValue()) + ")")
                        .collect(Collectors.joining("; "))).append(".\n\n");
        }
        LadderSection.append(md, inputs);

        md.append("\n### Build and first call\n\nSingle shots in fresh forks. *Cold build*: the first session a fork opens, engine natives ")
                .append("included; *warm build*: the later ones. *First call*: the first batch-1 prediction of a freshly built session.\n\n")
                .append("| framework | model | cold build (ms) | warm build (ms) | first call (ms) |\n|---|---|---|---|---|\n");
        for (String framework : frameworks) {
            for (String model : models) {
                Optional<BenchResults.Row> build = find(rows, "build", framework, Map.of("model", model));
                Optional<BenchResults.Row> first = find(rows, "firstCall", framework, Map.of("model", model));
                if (build.isEmpty() && first.isEmpty()) {
                    continue;
                }
                List<Double> cold = new ArrayList<>();
                List<Double> warm = new ArrayList<>();
                build.ifPresent(row -> row.forks().forEach(fork -> {
                    if (!fork.isEmpty()) {
                        cold.add(fork.get(0));
                        warm.addAll(fork.subList(1, fork.size()));
                    }
                }));
                List<Double> firstCalls = new ArrayList<>();
                first.ifPresent(row -> row.forks().forEach(firstCalls::addAll));
                md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s |%n", framework, model, Stats.of(cold).format(0),
                        Stats.of(warm).format(0), Stats.of(firstCalls).format(2)));
            }
        }
        md.append('\n');
    }

    /** Every benchmark that threw, from each host's {@code failed/<name>.json}: no result is left out silently. */
    private static void failures(StringBuilder md, List<ResultFolder> inputs) {
        List<String> lines = new ArrayList<>();
        for (ResultFolder folder : inputs) {
            for (Path failed : List.of(folder.bench().resolve("failed"), folder.bench().resolve("ladder").resolve("failed"))) {
                if (!Files.isDirectory(failed)) {
                    continue;
                }
                try (Stream<Path> files = Files.list(failed)) {
                    for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                        String host = file.getFileName().toString().replaceFirst("\\.json$", "");
                        for (BenchFailure failure : Json.read(file, BenchFailure[].class)) {
                            lines.add("- " + host + ": `" + failure.method() + "` " + failure.params() + " (see `bench/logs/" + host + ".log`)");
                        }
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot list " + failed, e);
                }
            }
        }
        if (!lines.isEmpty()) {
            md.append("**Benchmarks that threw and have no result** (their rows are missing below):\n\n")
                    .append(String.join("\n", lines)).append("\n\n");
        }
    }

    /** The host records of the main (non-ladder) bench runs, a later folder's replacing an earlier one's. */
    private static List<BenchHost.Run> runs(List<ResultFolder> inputs) {
        Map<String, BenchHost.Run> byName = new LinkedHashMap<>();
        for (ResultFolder folder : inputs) {
            Path runs = folder.bench().resolve("runs");
            if (!Files.isDirectory(runs)) {
                continue;
            }
            try (Stream<Path> files = Files.list(runs)) {
                files.filter(f -> f.toString().endsWith(".json")).sorted()
                        .forEach(f -> byName.put(f.getFileName().toString(), Json.read(f, BenchHost.Run.class)));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + runs, e);
            }
        }
        return byName.values().stream().sorted(Comparator.comparing(BenchHost.Run::framework, Distribution.reportOrder())).toList();
    }

    /** "8.2 % (146 kB)": the collectors' share of the iterations and the heap a step allocated; "—" without the GC profiler. */
    static String collections(BenchResults.Row row) {
        double share = row.gcShare();
        double bytes = row.heapBytesPerStep();
        if (Double.isNaN(share) || Double.isNaN(bytes)) {
            return "—";
        }
        String heap = bytes < 1e3 ? String.format(Locale.ROOT, "%.0f B", bytes)
                : bytes < 1e6 ? String.format(Locale.ROOT, "%.0f kB", bytes / 1e3) : String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
        return String.format(Locale.ROOT, "%.1f %% (%s)", 100 * share, heap);
    }

    /** A JMH score with its error, to {@code significant} digits. */
    static String withError(BenchResults.Row row, int significant) {
        String format = "%." + Math.max(0, significant - 1 - (int) Math.floor(Math.log10(Math.max(row.score(), 1e-9)))) + "f";
        String score = String.format(Locale.ROOT, format, row.score());
        return Double.isNaN(row.error()) ? score : score + " ± " + String.format(Locale.ROOT, format, row.error());
    }

    private static String percentile(BenchResults.Row row, String key) {
        Double value = row.percentiles().get(key);
        return value == null ? "—" : String.format(Locale.ROOT, "%.3f", value);
    }

    static Optional<BenchResults.Row> find(List<BenchResults.Row> rows, String method, String framework, Map<String, String> params) {
        return rows.stream().filter(r -> r.method().equals(method) && r.param("framework").equals(framework)
                && params.entrySet().stream().allMatch(e -> r.param(e.getKey()).equals(e.getValue()))).findFirst();
    }
}
