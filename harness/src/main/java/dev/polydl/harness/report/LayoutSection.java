package dev.polydl.harness.report;

import dev.polydl.harness.bench.BenchResults;
import dev.polydl.harness.bench.Benchmarks;
import dev.polydl.harness.run.CellResult;
import dev.polydl.harness.run.CellSpec;
import dev.polydl.harness.run.Distribution;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a layout mismatch costs, said honestly. For single-channel MNIST a channels-first batch is already in channels-last
 * memory order, so feeding it to a channels-last graph is a transpose of a 1-channel tensor: close to free. The real cost lies
 * in the kernels: an engine told to run its convolutions in the layout it does not prefer transposes around every one of them.
 * The compare cells measure the first; the JMH layout benchmark measures the second.
 */
final class LayoutSection implements Section {
    private static final int WARM_UP_STEPS = 10;

    /**
     * A channels-last cell against the channels-first cell of the same repeat and machine, over the same steps.
     *
     * @param base        null when there is no channels-first run of at least as many steps to compare with
     * @param lossDelta   largest |Δ| between the two runs' losses over those steps
     * @param otherBuild  the native build the variant ran on when it differs from the channels-first one's, else null
     */
    record CellRow(String framework, String variant, int steps, Stats baseSteps, Stats otherSteps, Stats basePredict,
                   Stats otherPredict, double lossDelta, String baseBuild, String otherBuild) {
        boolean compared() {
            return baseSteps != null;
        }
    }

    /** One framework's JMH training step at one batch size in each kernel layout (ms, with JMH's error). */
    record BenchRow(String framework, int batch, BenchResults.Row first, BenchResults.Row last) {
        double cost() {
            return last.score() / first.score() - 1;
        }
    }

    private final List<CellRow> cellRows;
    private final List<BenchRow> benchRows;

    LayoutSection(Results results) {
        cellRows = cellRows(results);
        benchRows = benchRows(results.bench());
    }

    /** Whether the results hold the JMH layout benchmark. */
    boolean benchmarked() {
        return !benchRows.isEmpty();
    }

    static List<CellRow> cellRows(Results results) {
        List<String> variants = results.cells().stream().map(c -> c.spec().layout()).filter(l -> !l.equals(CellSpec.CHANNELS_FIRST))
                .distinct().toList();
        List<CellRow> rows = new ArrayList<>();
        for (String framework : results.frameworks()) {
            List<CellResult> first = Results.okTimed(Results.select(results.cells(), "cnn", framework, CellSpec.CHANNELS_FIRST));
            for (String variant : variants) {
                for (CellResult other : Results.okTimed(Results.select(results.cells(), "cnn", framework, variant))) {
                    CellResult base = first.stream().filter(r -> r.spec().repeat() == other.spec().repeat()
                            && Machines.of(r).equals(Machines.of(other))).findFirst().orElse(null);
                    int steps = other.curves().stepMs().size();
                    Stats otherSteps = Stats.of(window(other.curves().stepMs(), steps));
                    Stats otherPredict = Stats.of(other.timings().predictBatchMs());
                    String otherBuild = nativeBuild(other);
                    if (base == null || base.curves().stepMs().size() < steps) {
                        rows.add(new CellRow(framework, variant, steps, null, otherSteps, null, otherPredict, Double.NaN, null, otherBuild));
                        continue;
                    }
                    double lossDelta = 0;
                    for (int s = 0; s < steps; s++) {
                        lossDelta = Math.max(lossDelta, Math.abs(other.curves().stepLoss().get(s) - base.curves().stepLoss().get(s)));
                    }
                    rows.add(new CellRow(framework, variant, steps, Stats.of(window(base.curves().stepMs(), steps)), otherSteps,
                            Stats.of(base.timings().predictBatchMs()), otherPredict, lossDelta,
                            nativeBuild(base), otherBuild));
                }
            }
        }
        return rows;
    }

    /** The native build a cell ran on; null where its framework did not describe itself. */
    private static String nativeBuild(CellResult cell) {
        return cell.framework() == null ? null : cell.framework().nativeBuild();
    }

    /** The JMH layout benchmark's rows, paired by framework and batch size. */
    static List<BenchRow> benchRows(List<BenchResults.Row> rows) {
        List<BenchRow> paired = new ArrayList<>();
        List<BenchResults.Row> layoutRows = rows.stream().filter(r -> r.method().equals(Benchmarks.LAYOUT_METHOD)).toList();
        layoutRows.stream().map(r -> r.param("framework")).distinct().sorted(Distribution.reportOrder()).forEach(framework ->
                layoutRows.stream().filter(r -> r.param("framework").equals(framework)).map(r -> Integer.parseInt(r.param("batch")))
                        .distinct().sorted().forEach(batch -> {
                            BenchResults.Row first = find(layoutRows, framework, batch, Benchmarks.KERNELS_CHANNELS_FIRST);
                            BenchResults.Row last = find(layoutRows, framework, batch, Benchmarks.KERNELS_CHANNELS_LAST);
                            if (first != null && last != null) {
                                paired.add(new BenchRow(framework, batch, first, last));
                            }
                        }));
        return paired;
    }

    private static BenchResults.Row find(List<BenchResults.Row> rows, String framework, int batch, String layout) {
        return rows.stream().filter(r -> r.param("framework").equals(framework) && r.param("batch").equals(String.valueOf(batch))
                && r.param("layout").equals(layout)).findFirst().orElse(null);
    }

    @Override
    public String title() {
        return "Input layout: channels-first vs channels-last (CNN)";
    }

    @Override
    public void append(StringBuilder md) {
        md.append("The canonical data and weights are channels-first (NCHW). MNIST has one channel, so a channels-first batch ")
                .append("already lies in channels-last (NHWC) memory order: feeding it to a graph that wants NHWC is a transpose of ")
                .append("a 1-channel tensor, close to free, and the input layout alone says little about speed. The real cost of a ")
                .append("layout mismatch lies in the kernels: an engine whose convolution kernels want the other layout transposes ")
                .append("the activations around every convolution (and its gradients around every backward one), on 32 and 64 ")
                .append("channels, not 1. The JMH benchmark below measures that case where a framework can be told which layout ")
                .append("its convolutions run in; the cells after it measure the input-layout case.\n\n");
        appendBench(md);
        appendCells(md);
    }

    private void appendBench(StringBuilder md) {
        md.append("### Convolutions in the other kernel layout (JMH)\n\n");
        if (benchRows.isEmpty()) {
            md.append("No layout benchmark in these results: `./polydl bench` runs it for the frameworks that build the CNN in both ")
                    .append("layouts.\n\n");
            return;
        }
        md.append("The CNN's training step with the network built for channels-first and for channels-last kernels (same weights; ")
                .append("the batch fed in the layout the network takes). Where the engine's kernels work in one layout only, the other ")
                .append("pays the transposes around each convolution. *Cost*: the channels-last step's time against the channels-first ")
                .append("one's; positive means channels-last is slower. Errors: JMH's 99.9 % half-widths. TensorFlow's CPU ")
                .append("convolutions run in NHWC either way (its channels-first graph transposes only the 1-channel input), so its two ")
                .append("rows differ by that transpose. DL4J runs each layer in the format it is given, and builds a channels-last network ")
                .append("without its oneDNN helpers, which compute wrong NHWC gradients (the contract kit measured it): its cost is ")
                .append("the layout and the helpers together; the tuning ladder's oneDNN rung shows what the helpers alone are worth.\n\n")
                .append("| framework | batch | channels-first step (ms) | channels-last step (ms) | cost |\n|---|---|---|---|---|\n");
        for (BenchRow row : benchRows) {
            md.append(String.format(Locale.ROOT, "| %s | %d | %s | %s | %s |%n", row.framework(), row.batch(), BenchSection.withError(row.first(), 3),
                    BenchSection.withError(row.last(), 3), Markdown.percent(row.last().score(), row.first().score())));
        }
        md.append('\n');
    }

    private void appendCells(StringBuilder md) {
        md.append("### Channels-last input (compare cells)\n\n");
        if (cellRows.isEmpty()) {
            md.append("No channels-last cells in these results.\n\n");
            return;
        }
        md.append("A framework that also builds the CNN for channels-last input trains it that way from the same weights on the same ")
                .append("batches (rearranged before the clock starts) for its first steps, and predicts the test set as above. ")
                .append("TensorFlow's CPU convolutions want NHWC: its channels-first graph transposes the 1-channel input, the ")
                .append("channels-last one does not, so the two differ by that cheap transpose. DL4J runs its layers in the format ")
                .append("it is given, so its channels-last cell is the kernel-layout case again. *Step time* is the mean ± sd over ")
                .append("those steps after the first ").append(WARM_UP_STEPS).append(", compared with the very same steps of the ")
                .append("channels-first run; *cost* is the change: positive means channels-last is slower. *Loss Δ* is the largest ")
                .append("difference between the two runs' losses over those steps: zero where the dropout masks come out the same, ")
                .append("not where an engine draws them in the layout's own memory order.\n\n");
        md.append("| framework | layout | steps | step time (ms) | cost | steady predict (ms/batch) | cost | loss Δ |\n|---|---|---|---|---|---|---|---|\n");
        List<String> differentBuilds = new ArrayList<>();
        for (CellRow row : cellRows) {
            if (!row.compared()) {
                md.append(String.format(Locale.ROOT, "| %s | %s | %d | %s | no channels-first run to compare | %s | | |%n",
                        row.framework(), row.variant(), row.steps(), row.otherSteps().format(1), row.otherPredict().format(1)));
                continue;
            }
            md.append(String.format(Locale.ROOT, "| %s | %s | %d | %s | — | %s | — | |%n", row.framework(), CellSpec.CHANNELS_FIRST,
                    row.steps(), row.baseSteps().format(1), row.basePredict().format(1)));
            md.append(String.format(Locale.ROOT, "| %s | %s | %d | %s | %s | %s | %s | %s |%n", row.framework(), row.variant(), row.steps(),
                    row.otherSteps().format(1), Markdown.percent(row.otherSteps().mean(), row.baseSteps().mean()),
                    row.otherPredict().format(1), Markdown.percent(row.otherPredict().mean(), row.basePredict().mean()),
                    Markdown.sci(row.lossDelta())));
            if (row.baseBuild() != null && row.otherBuild() != null && !row.baseBuild().equals(row.otherBuild())) {
                differentBuilds.add("- " + row.framework() + ": " + CellSpec.CHANNELS_FIRST + " ran on " + row.baseBuild() + "; "
                        + row.variant() + " on " + row.otherBuild());
            }
        }
        md.append('\n');
        if (!differentBuilds.isEmpty()) {
            md.append("The two layouts did not run on the same kernels here, so their cost includes that difference:\n\n")
                    .append(String.join("\n", differentBuilds)).append("\n\n");
        }
    }

    /** Steps {@value #WARM_UP_STEPS}+1 .. count of a per-step list: warm-up excluded. */
    private static List<Double> window(List<Double> values, int count) {
        return values.subList(Math.min(WARM_UP_STEPS, count - 1), count);
    }
}
