package dev.polydl.harness.report;

import dev.polydl.harness.run.CellResult;
import dev.polydl.harness.run.CellSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Training loss of repeat 1 of every framework overlaid per task, and its test metric after each epoch. */
final class CurvesSection implements Section {
    private final Results results;
    private final ChartFolder charts;

    CurvesSection(Results results, ChartFolder charts) {
        this.results = results;
        this.charts = charts;
    }

    @Override
    public String title() {
        return "Learning curves";
    }

    @Override
    public void append(StringBuilder md) {
        md.append("Training loss of repeat 1 of every framework, overlaid per task. Same weights, same batches: "
                + "the curves should lie on top of each other early on and part only as float rounding and dropout masks add up.\n\n");
        for (String task : results.tasks()) {
            Map<String, CellResult> firstRepeats = new LinkedHashMap<>();
            for (String framework : results.frameworks()) {
                Results.select(results.cells(), task, framework, CellSpec.CHANNELS_FIRST).stream()
                        .filter(run -> run.spec().repeat() == 1 && run.curves() != null)
                        .forEach(run -> firstRepeats.put(framework, run));
            }
            if (firstRepeats.isEmpty()) {
                continue;
            }
            Map<String, List<Double>> losses = new LinkedHashMap<>();
            firstRepeats.forEach((framework, run) -> losses.put(framework, run.curves().stepLoss()));
            int stepsPerEpoch = firstRepeats.values().iterator().next().curves().stepsPerEpoch();
            charts.embed(md, "loss-" + task + ".png", task + ": training loss", file -> Charts.learningCurves(file,
                    task + ": training loss per framework", losses, stepsPerEpoch));
            md.append("| framework | test ").append(task.equals("argsort") ? "score (%)" : "accuracy").append(" after each epoch |\n|---|---|\n");
            firstRepeats.forEach((framework, run) -> md.append("| ").append(framework).append(" | ")
                    .append(epochMetrics(run.curves().epochTestMetric(), task.equals("argsort") ? "%.2f" : "%.4f")).append(" |\n"));
            md.append('\n');
        }
    }

    /** Every epoch's metric, or ten evenly spaced ones (labelled with their epoch) when there are many. */
    static String epochMetrics(List<Double> metrics, String format) {
        int every = metrics.size() > 10 ? metrics.size() / 10 : 1;
        List<String> shown = new ArrayList<>();
        for (int epoch = 1; epoch <= metrics.size(); epoch++) {
            if (every == 1 || epoch % every == 0) {
                String value = String.format(Locale.ROOT, format, metrics.get(epoch - 1));
                shown.add(every == 1 ? value : "e" + epoch + ": " + value);
            }
        }
        return String.join(", ", shown);
    }
}
