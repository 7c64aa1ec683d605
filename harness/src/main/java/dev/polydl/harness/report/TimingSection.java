package dev.polydl.harness.report;

import dev.polydl.common.ModelSpec;
import dev.polydl.harness.run.CellResult;
import dev.polydl.harness.run.CellSpec;
import dev.polydl.harness.run.MachineSteadiness;
import dev.polydl.harness.run.ResultFolder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Build, data, prediction and training times per machine, task and framework over every {@code ok} repeat, with
 * each cell's spread and, for a noisy one, what is known of the cause; and the epoch-time chart.
 */
final class TimingSection implements Section {
    static final String TITLE = "Timings";

    /** Aggregated timings of the repeats of one cell. */
    record Timing(Stats build, Stats data, Stats firstPredict, Stats warmUp, boolean warmUpAtLimit, Stats steadyPredict,
                  int predictBatch, Stats predictRate, Stats firstEpoch, Stats epoch, Stats trainRate, Stats rss,
                  double stepP50, double stepP99) {
        static Timing of(List<CellResult> runs) {
            List<Double> build = new ArrayList<>();
            List<Double> data = new ArrayList<>();
            List<Double> first = new ArrayList<>();
            List<Double> warmUp = new ArrayList<>();
            boolean warmUpAtLimit = false;
            List<Double> steady = new ArrayList<>();
            List<Double> predictRate = new ArrayList<>();
            List<Double> firstEpoch = new ArrayList<>();
            List<Double> epochs = new ArrayList<>();
            List<Double> rates = new ArrayList<>();
            List<Double> rss = new ArrayList<>();
            List<Double> steps = new ArrayList<>();
            int batch = 0;
            for (CellResult run : runs) {
                var t = run.timings();
                build.add(t.buildMs());
                data.add(t.dataPrepMs());
                first.add(t.firstPredictMs());
                if (t.warmUp() != null) {
                    warmUp.add(t.warmUp().seconds());
                    warmUpAtLimit |= t.warmUp().ended().equals(CellResult.WarmUp.LIMIT);
                }
                steady.addAll(t.predictBatchMs());
                if (t.predictSamplesPerSecond() > 0) {
                    predictRate.add(t.predictSamplesPerSecond());
                }
                batch = t.predictBatchSize();
                if (!t.epochSeconds().isEmpty()) {
                    firstEpoch.add(t.epochSeconds().get(0));
                }
                int skip = t.epochSeconds().size() > 1 ? 1 : 0;
                epochs.addAll(t.epochSeconds().subList(skip, t.epochSeconds().size()));
                rates.addAll(t.epochSamplesPerSecond().subList(skip, t.epochSamplesPerSecond().size()));
                rss.add(run.peakRssBytes() / (double) (1 << 20));
                steps.addAll(stepsAfterFirstEpoch(run));
            }
            List<Double> sorted = steps.stream().sorted().toList();
            double p99 = sorted.isEmpty() ? Double.NaN : sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(0.99 * sorted.size()) - 1));
            return new Timing(Stats.of(build), Stats.of(data), Stats.of(first), Stats.of(warmUp), warmUpAtLimit, Stats.of(steady), batch,
                    Stats.of(predictRate), Stats.of(firstEpoch), Stats.of(epochs), Stats.of(rates), Stats.of(rss),
                    Results.median(steps), p99);
        }

        /** A repeat's training steps after its first epoch (all of them when it trained one epoch). */
        private static List<Double> stepsAfterFirstEpoch(CellResult run) {
            if (run.curves() == null) {
                return List.of();
            }
            List<Double> all = run.curves().stepMs();
            int skip = run.timings().epochSeconds().size() > 1 ? Math.min(run.curves().stepsPerEpoch(), all.size()) : 0;
            return all.subList(skip, all.size());
        }
    }

    /**
     * One framework's timings of one task on one machine.
     *
     * @param spread      the spread of the repeat whose later epochs varied most; null when none had two later epochs
     * @param judged      whether the spread is held to {@link Spread#NOISY} (argsort's sub-millisecond epochs are not)
     * @param noiseCause  for a noisy cell, what its own records and the machine's probe say of the cause
     */
    record Row(String framework, Timing timing, Spread spread, boolean judged, String noiseCause) {
        boolean noisy() {
            return judged && spread != null && spread.noisy();
        }
    }

    private final Results results;
    private final List<MachineSteadiness> probes;
    private final Map<String, Map<String, List<Row>>> rows;
    private final ChartFolder charts;

    TimingSection(Results results, ChartFolder charts) {
        this.results = results;
        this.charts = charts;
        probes = SteadinessText.read(results.folders().stream().map(ResultFolder::steadiness).toList());
        rows = rows(results, probes);
    }

    /** Per machine (label) and task, a row per framework that has an {@code ok} timed cell there. */
    static Map<String, Map<String, List<Row>>> rows(Results results, List<MachineSteadiness> probes) {
        List<String> machines = Machines.of(results.cells());
        Map<String, Map<String, List<Row>>> byMachine = new LinkedHashMap<>();
        for (String machine : machines) {
            List<CellResult> cells = Machines.on(results.cells(), machine);
            double machineSpread = SteadinessText.worst(probes, machine, machines.size() == 1);
            Map<String, List<Row>> byTask = new LinkedHashMap<>();
            for (String task : results.tasks()) {
                List<Row> taskRows = new ArrayList<>();
                for (String framework : results.frameworks()) {
                    List<CellResult> runs = Results.okTimed(Results.select(cells, task, framework, CellSpec.CHANNELS_FIRST));
                    if (!runs.isEmpty()) {
                        taskRows.add(row(framework, task, runs, machineSpread));
                    }
                }
                byTask.put(task, taskRows);
            }
            byMachine.put(machine, byTask);
        }
        return byMachine;
    }

    private static Row row(String framework, String task, List<CellResult> runs, double machineSpread) {
        CellResult worstRun = null;
        Spread worst = null;
        for (CellResult run : runs) {
            Spread candidate = Spread.of(run.timings().epochSeconds());
            if (candidate.measured() && (worst == null || candidate.relativeSd() > worst.relativeSd())) {
                worst = candidate;
                worstRun = run;
            }
        }
        boolean judged = !task.equals(ModelSpec.ARGSORT.name());
        String cause = judged && worst != null && worst.noisy() ? NoiseCauses.explain(worst, worstRun, machineSpread) : "";
        return new Row(framework, Timing.of(runs), worst, judged, cause);
    }

    Map<String, Map<String, List<Row>>> rows() {
        return rows;
    }

    @Override
    public String title() {
        return TITLE;
    }

    @Override
    public void append(StringBuilder md) {
        md.append("Per framework and task, over every `ok` repeat. *Build*: opening the session in a fresh JVM (engine natives, ")
                .append("graph or model, initial weights). *Data*: reading and splitting the data. *First predict*: the first eval-mode ")
                .append("call after the build; *warm-up*: then ").append(CellResult.WarmUp.rule()).append(" or its limit (`--warm-up`) ")
                .append("was reached, marked *(limit)*. The timed epochs then train a fresh ")
                .append("session. *Steady predict*: every batch of 3 passes over the test set after training (same batch size). ")
                .append("*Epoch*: training steps only, evaluation excluded; epoch 1 is shown apart and the mean ± sd is over ")
                .append("the later epochs. *Spread*: sd/mean of the later epochs (the worst repeat); above ")
                .append(String.format(Locale.ROOT, "%.0f", 100 * Spread.NOISY)).append(" % a timed cell is marked noisy, and the list ")
                .append("below the table says how (argsort's epochs are one sub-millisecond step each: their spread is shown, not judged). ")
                .append("*Step*: median and 99th percentile of the training steps after epoch 1. ")
                .append("*Peak RSS*: the worker JVM's peak resident memory, native memory included. ")
                .append("Each epoch also records the JIT, garbage-collection and hypervisor-steal time that ran beside it; ")
                .append("the list of noisy cells names those that took at least ")
                .append(String.format(Locale.ROOT, "%.0f", 100 * NoiseCauses.WORTH_NAMING)).append(" % of the later epochs. ")
                .append("It also records the worker's CPU time and its threads' wait for a free CPU, summed over threads; for a noisy cell ")
                .append("the list sets the slowest later epoch's against the fastest's: more CPU time for the same steps means the cores ")
                .append("ran them slower or threads spun longer, a longer wait that more threads were ready than there were cores.\n\n");
        SteadinessText.append(md, probes, "the cells");
        boolean severalMachines = rows.size() > 1;
        for (String task : results.tasks()) {
            md.append("### ").append(task).append("\n\n");
            rows.forEach((machine, byTask) -> {
                if (severalMachines) {
                    md.append("On ").append(machine).append(":\n\n");
                }
                table(md, byTask.get(task));
            });
        }
        epochChart(md);
    }

    /** One task's timing table for the cells of one machine, and the list of its noisy cells. */
    private static void table(StringBuilder md, List<Row> taskRows) {
        Markdown.header(md, "framework", List.of("build (ms)", "data (ms)", "first predict (ms)", "warm-up (s)",
                "steady predict (ms/batch)", "predict (samples/s)", "epoch 1 (s)", "epoch (s)", "spread", "step p50 / p99 (ms)",
                "train (samples/s)", "peak RSS (MiB)"));
        List<String> noisy = new ArrayList<>();
        for (Row row : taskRows) {
            Timing t = row.timing();
            String spread = row.spread() == null ? "—" : String.format(Locale.ROOT, "%.1f %%", 100 * row.spread().relativeSd())
                    + (row.noisy() ? " **noisy**" : "");
            if (row.noisy()) {
                noisy.add(String.format(Locale.ROOT, "- %s: %.1f %% over %d epochs; %s", row.framework(), 100 * row.spread().relativeSd(),
                        row.spread().epochs(), row.noiseCause()));
            }
            String warmUp = t.warmUp().n() == 0 ? "none" : t.warmUp().formatSignificant(2) + (t.warmUpAtLimit() ? " (limit)" : "");
            String steps = Double.isNaN(t.stepP50()) ? "—" : String.format(Locale.ROOT, "%.3g / %.3g", t.stepP50(), t.stepP99());
            md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s (batch %d) | %s | %s | %s | %s | %s | %s | %s |%n",
                    row.framework(), t.build().format(0), t.data().format(0), t.firstPredict().format(1), warmUp,
                    t.steadyPredict().formatSignificant(3), t.predictBatch(), t.predictRate().format(0), t.firstEpoch().formatSignificant(3),
                    t.epoch().formatSignificant(3), spread, steps, t.trainRate().format(0), t.rss().format(0)));
        }
        md.append('\n');
        if (!noisy.isEmpty()) {
            md.append("Noisy cells (spread above ").append(String.format(Locale.ROOT, "%.0f", 100 * Spread.NOISY))
                    .append(" %; `docs/performance.md` has what is known of the causes):\n\n")
                    .append(String.join("\n", noisy)).append("\n\n");
        }
    }

    /** One panel per task, each on its own axis, so that a 13 s CNN epoch does not flatten a 0.4 ms argsort one. */
    private void epochChart(StringBuilder md) {
        List<Charts.Panel> panels = new ArrayList<>();
        for (String task : results.tasks()) {
            Map<String, double[]> bars = new LinkedHashMap<>();
            rows.forEach((machine, byTask) -> byTask.get(task).forEach(row -> bars.put(rows.size() == 1 ? row.framework()
                    : row.framework() + " on " + machine, new double[] {row.timing().epoch().mean(), row.timing().epoch().sd()})));
            if (!bars.isEmpty()) {
                panels.add(new Charts.Panel(task, bars));
            }
        }
        if (!panels.isEmpty()) {
            charts.embed(md, "epoch-time.png", "Epoch time per task and framework (mean ± sd over the epochs after the first), one panel "
                    + "per task" + (rows.size() > 1 ? ", per machine" : ""), file -> Charts.panels(file, "Epoch time per task (lower is better; mean ± sd over the epochs after the "
                    + "first)", "per epoch", panels));
        }
    }
}
