package dev.polydl.harness.report;

import dev.polydl.harness.run.CellResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The answer first: the machine, whether the frameworks agree on accuracy, who is fastest to train and to predict and
 * by how much, the parity and portability verdicts, and what went wrong. Every line is computed from the other
 * sections' numbers; none is typed in.
 */
final class SummarySection implements Section {
    /** Frameworks agree on a task's accuracy when their means lie within this many of the largest standard deviation. */
    static final double AGREEMENT_SDS = 2;

    /** One framework's time on one task as a multiple of the fastest framework's. */
    record Multiple(String framework, Stats time, double ratio, double ratioSd) {
    }

    /** One task's speed ranking on one machine, fastest first. */
    record Ranking(String task, List<Multiple> multiples) {
        Multiple fastest() {
            return multiples.get(0);
        }
    }

    private final Results results;
    private final Map<String, List<AccuracySection.Entry>> accuracy;
    private final Map<String, Map<String, List<TimingSection.Row>>> timings;
    private final ParitySection.Parity parity;
    private final List<PortabilitySection.Matrix> portability;
    private final long portabilityNotOk;

    SummarySection(Results results, AccuracySection accuracy, TimingSection timing, ParitySection parity,
                   PortabilitySection portability) {
        this.results = results;
        this.accuracy = accuracy.entries();
        this.timings = timing.rows();
        this.parity = parity.parity();
        this.portability = portability.matrices();
        this.portabilityNotOk = portability.notOk().size();
    }

    /** Each framework's time as a multiple of the fastest one's (smallest mean), with the ratio's propagated sd. */
    static Ranking rank(String task, List<TimingSection.Row> rows, Function<TimingSection.Timing, Stats> time) {
        List<TimingSection.Row> timed = rows.stream().filter(r -> time.apply(r.timing()).n() > 0 && time.apply(r.timing()).mean() > 0)
                .sorted(Comparator.comparingDouble(r -> time.apply(r.timing()).mean())).toList();
        List<Multiple> multiples = new ArrayList<>();
        if (!timed.isEmpty()) {
            Stats fastest = time.apply(timed.get(0).timing());
            for (TimingSection.Row row : timed) {
                Stats own = time.apply(row.timing());
                double ratio = own.mean() / fastest.mean();
                double ratioSd = ratio * Math.sqrt(square(own.sd() / own.mean()) + square(fastest.sd() / fastest.mean()));
                multiples.add(new Multiple(row.framework(), own, ratio, row == timed.get(0) ? Double.NaN : ratioSd));
            }
        }
        return new Ranking(task, multiples);
    }

    /**
     * Whether a task's frameworks reached the same accuracy: null when some framework has a single repeat (no spread to judge
     * by), else whether the largest gap between means is within {@link #AGREEMENT_SDS} of the largest sd.
     */
    static Boolean agree(List<AccuracySection.Entry> entries) {
        List<Stats> metrics = entries.stream().filter(AccuracySection.Entry::hasMetric).map(AccuracySection.Entry::mainMetric).toList();
        if (metrics.size() < 2 || metrics.stream().anyMatch(s -> s.n() < 2)) {
            return null;
        }
        return gap(metrics) <= AGREEMENT_SDS * metrics.stream().mapToDouble(Stats::sd).max().orElse(0);
    }

    private static double gap(List<Stats> metrics) {
        return metrics.stream().mapToDouble(Stats::mean).max().orElse(0) - metrics.stream().mapToDouble(Stats::mean).min().orElse(0);
    }

    @Override
    public String title() {
        return "Summary";
    }

    @Override
    public void append(StringBuilder md) {
        machine(md);
        accuracy(md);
        speed(md);
        verdicts(md);
        lookOut(md);
    }

    private void machine(StringBuilder md) {
        List<String> machines = Machines.of(results.cells());
        CellResult any = results.cells().get(0);
        md.append("**Measured on** ").append(String.join("; ", machines)).append(" (").append(any.spec().device()).append(", ")
                .append(any.spec().threads()).append(" threads per engine), ").append(results.cells().size()).append(" cells of ")
                .append(String.join(", ", results.tasks())).append(" in ").append(String.join(", ", results.frameworks())).append(".\n\n");
    }

    private void accuracy(StringBuilder md) {
        md.append("**Accuracy** (the main settings' repeats; details in " + Anchors.link("Test accuracy", AccuracySection.TITLE) + "):\n\n");
        accuracy.forEach((task, entries) -> {
            boolean percent = task.equals("argsort");
            List<AccuracySection.Entry> measured = entries.stream().filter(AccuracySection.Entry::hasMetric).toList();
            md.append("- ").append(task).append(": ");
            if (measured.size() < 2) {
                md.append(measured.isEmpty() ? "no framework finished `ok`" : "only " + measured.get(0).framework() + " finished `ok`")
                        .append(".\n");
                return;
            }
            List<Stats> metrics = measured.stream().map(AccuracySection.Entry::mainMetric).toList();
            String format = percent ? "%.2f %%" : "%.4f";
            if (gap(metrics) == 0) {
                md.append(String.format(Locale.ROOT, "all %d frameworks reached " + format + ".%n", measured.size(), metrics.get(0).mean()));
                return;
            }
            AccuracySection.Entry best = measured.stream().max(Comparator.comparingDouble(e -> e.mainMetric().mean())).orElseThrow();
            AccuracySection.Entry worst = measured.stream().min(Comparator.comparingDouble(e -> e.mainMetric().mean())).orElseThrow();
            String range = String.format(Locale.ROOT, "from " + format + " (%s) to " + format + " (%s), a gap of " + (percent ? "%.2f points" : "%.4f"),
                    worst.mainMetric().mean(), worst.framework(), best.mainMetric().mean(), best.framework(), gap(metrics));
            Boolean agree = agree(entries);
            if (agree == null) {
                md.append(range).append("; with a single repeat per framework there is no spread to judge that gap by ")
                        .append("(`--repeats 3` gives one).\n");
            } else {
                double sd = metrics.stream().mapToDouble(Stats::sd).max().orElse(0);
                md.append(agree ? "**the same within their spread**: " : "**different**: ").append(range)
                        .append(String.format(Locale.ROOT, agree ? ", within %.0f × the largest sd (" + format + ").%n"
                                : ", more than %.0f × the largest sd (" + format + ").%n", AGREEMENT_SDS, sd));
            }
        });
        md.append('\n');
    }

    private void speed(StringBuilder md) {
        md.append("**Speed**: each framework's time as a multiple of the fastest one's on the same machine (lower is better; ± the ")
                .append("propagated sd). Training: the epoch time after the first epoch (" + Anchors.link("Timings", TimingSection.TITLE) + "); inference: the steady ")
                .append("eval-mode time per batch. Argsort's epoch is one sub-millisecond step, so its training multiples are noisy.\n\n");
        timings.forEach((machine, byTask) -> {
            if (timings.size() > 1) {
                md.append("On ").append(machine).append(":\n\n");
            }
            table(md, "training: fastest", byTask, TimingSection.Timing::epoch, timing -> "per epoch", 1);
            table(md, "inference: fastest", byTask, TimingSection.Timing::steadyPredict, timing -> "per batch of " + timing.predictBatch(),
                    1e-3);
        });
    }

    /** @param seconds how many seconds one unit of {@code time} is */
    private void table(StringBuilder md, String first, Map<String, List<TimingSection.Row>> byTask,
                       Function<TimingSection.Timing, Stats> time, Function<TimingSection.Timing, String> per, double seconds) {
        List<String> columns = new ArrayList<>(List.of("task", first));
        columns.addAll(results.frameworks().stream().map(f -> f + " (×)").toList());
        Markdown.header(md, columns.get(0), columns.subList(1, columns.size()));
        byTask.forEach((task, rows) -> {
            Ranking ranking = rank(task, rows, time);
            if (ranking.multiples().isEmpty()) {
                return;
            }
            Multiple fastest = ranking.fastest();
            TimingSection.Timing timing = rows.stream().filter(r -> r.framework().equals(fastest.framework())).findFirst().orElseThrow().timing();
            md.append("| ").append(task).append(" | ").append(fastest.framework()).append(", ")
                    .append(duration(fastest.time(), seconds)).append(' ').append(per.apply(timing));
            for (String framework : results.frameworks()) {
                String cell = ranking.multiples().stream().filter(m -> m.framework().equals(framework)).findFirst()
                        .map(m -> m == fastest ? "**1**" : Double.isNaN(m.ratioSd()) ? String.format(Locale.ROOT, "%.2f", m.ratio())
                                : String.format(Locale.ROOT, "%.2f ± %.2f", m.ratio(), m.ratioSd())).orElse("—");
                md.append(" | ").append(cell);
            }
            md.append(" |\n");
        });
        md.append('\n');
    }

    private void verdicts(StringBuilder md) {
        md.append("**Parity**: ");
        if (!parity.measured()) {
            md.append("not measured with these results (run `mvn verify` before `polydl compare`).\n\n");
        } else {
            Map.Entry<String, Double> largest = parity.largest();
            md.append(parity.exceeded() == 0 ? "every framework within the contract kit's tolerance (" + Markdown.sci(parity.tolerance())
                            + ") of the double-precision reference"
                            : "**" + parity.exceeded() + " check(s) beyond the kit's tolerance** (" + Markdown.sci(parity.tolerance()) + ")")
                    .append("; largest |Δ| ").append(Markdown.sci(largest.getValue())).append(" (").append(largest.getKey()).append(")")
                    .append(parity.crossMax() == null ? "" : "; largest difference between two frameworks' logits "
                            + Markdown.sci(parity.crossMax()) + " (" + parity.crossPair() + ")")
                    .append(". ").append(Anchors.link("Details", ParitySection.TITLE)).append(".\n\n");
        }
        md.append("**Portability**: ");
        long entries = portability.stream().mapToLong(PortabilitySection.Matrix::entries).sum();
        long failed = portability.stream().mapToLong(PortabilitySection.Matrix::failed).sum();
        if (entries == 0) {
            md.append(portabilityNotOk == 0 ? "not run with these results" : portabilityNotOk + " evaluating worker(s) failed")
                    .append(".\n\n");
        } else {
            md.append(failed == 0 ? "all " + entries + " evaluations of one framework's trained weights in another framework (and its own) "
                            + "succeeded" : "**" + failed + " of " + entries + " evaluations failed**")
                    .append(portabilityNotOk == 0 ? "" : ", **" + portabilityNotOk + " evaluating worker(s) did not finish**")
                    .append("; largest difference from the training framework's own result: ")
                    .append(String.join(", ", portability.stream().map(m -> m.task() + " " + String.format(Locale.ROOT,
                            m.task().equals("argsort") ? "%.2f points" : "%.4f", m.worst())).toList()))
                    .append(". ").append(Anchors.link("Matrices", PortabilitySection.TITLE)).append(".\n\n");
        }
    }

    private void lookOut(StringBuilder md) {
        List<String> items = new ArrayList<>();
        results.cells().stream().filter(c -> !c.status().equals(CellResult.OK))
                .forEach(c -> items.add(c.spec().id() + " **" + c.status() + "**" + (c.reason() == null ? "" : ": " + c.reason())));
        timings.forEach((machine, byTask) -> byTask.forEach((task, rows) -> rows.stream().filter(TimingSection.Row::noisy)
                .forEach(row -> items.add(String.format(Locale.ROOT, "%s %s%s: epoch times **noisy** (spread %.1f %%)", task,
                        row.framework(), timings.size() > 1 ? " on " + machine : "", 100 * row.spread().relativeSd())))));
        md.append("**Look out for**: ");
        if (items.isEmpty()) {
            md.append("nothing: every cell finished `ok` and no timed cell is noisy.\n\n");
            return;
        }
        md.append(items.size()).append(" item(s); the " + Anchors.link("timings", TimingSection.TITLE) + " list what is known of each noisy cell's cause.\n\n");
        items.forEach(item -> md.append("- ").append(Markdown.escapePipes(item)).append('\n'));
        md.append('\n');
    }

    /** A time in s, or in ms below 0.1 s. */
    private static String duration(Stats time, double seconds) {
        boolean milliseconds = time.mean() * seconds < 0.1;
        double scale = seconds * (milliseconds ? 1000 : 1);
        Stats scaled = new Stats(time.mean() * scale, time.sd() * scale, time.n());
        return scaled.formatSignificant(3) + (milliseconds ? " ms" : " s");
    }

    private static double square(double value) {
        return value * value;
    }
}
