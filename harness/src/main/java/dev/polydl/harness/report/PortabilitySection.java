package dev.polydl.harness.report;

import dev.polydl.harness.run.CellResult;
import dev.polydl.harness.run.Distribution;
import dev.polydl.harness.run.PortResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Every framework's trained weights evaluated in every other framework: a matrix per task. */
final class PortabilitySection implements Section {
    static final String TITLE = "Portability: every framework's weights in every other framework";

    /**
     * One task's matrix.
     *
     * @param metrics    source framework → target framework → metric, or null where the evaluation failed
     * @param reasons    source → target → why it failed
     * @param worst      largest |Δ| between an evaluation and the training cell's own result
     */
    record Matrix(String task, Map<String, Map<String, Double>> metrics, Map<String, Map<String, String>> reasons, double worst) {
        long entries() {
            return metrics.values().stream().mapToLong(Map::size).sum();
        }

        long failed() {
            return metrics.values().stream().flatMap(row -> row.values().stream()).filter(v -> v == null).count();
        }
    }

    private final List<PortResult> results;
    private final List<Matrix> matrices;

    PortabilitySection(Results results) {
        this.results = results.portability();
        this.matrices = matrices(results);
    }

    static List<Matrix> matrices(Results results) {
        List<Matrix> matrices = new ArrayList<>();
        for (String task : results.tasks()) {
            Map<String, Map<String, Double>> metrics = new TreeMap<>(Distribution.reportOrder());
            Map<String, Map<String, String>> reasons = new LinkedHashMap<>();
            double worst = 0;
            for (PortResult result : results.portability()) {
                String target = result.spec().framework();
                for (PortResult.Entry entry : result.entries()) {
                    if (!entry.task().equals(task)) {
                        continue;
                    }
                    metrics.computeIfAbsent(entry.sourceFramework(), k -> new TreeMap<>(Distribution.reportOrder())).put(target, entry.metric());
                    if (entry.metric() == null) {
                        reasons.computeIfAbsent(entry.sourceFramework(), k -> new LinkedHashMap<>()).put(target, entry.reason());
                    }
                    Double trained = result.spec().sources().stream().filter(s -> s.cell().equals(entry.sourceCell()))
                            .map(s -> s.trainedMetric()).findFirst().orElse(null);
                    if (entry.metric() != null && trained != null) {
                        worst = Math.max(worst, Math.abs(entry.metric() - trained));
                    }
                }
            }
            if (!metrics.isEmpty()) {
                matrices.add(new Matrix(task, metrics, reasons, worst));
            }
        }
        return matrices;
    }

    List<Matrix> matrices() {
        return matrices;
    }

    /** The portability results that did not finish {@code ok}. */
    List<PortResult> notOk() {
        return results.stream().filter(r -> !r.status().equals(CellResult.OK)).toList();
    }

    @Override
    public String title() {
        return TITLE;
    }

    @Override
    public void append(StringBuilder md) {
        if (results.isEmpty()) {
            md.append("No portability results in these folders (`compare` runs them unless `--no-portability` or `--shard`).\n\n");
            return;
        }
        md.append("Repeat 1's trained weights of each framework (rows), saved as canonical safetensors, loaded into each framework ")
                .append("(columns) and evaluated on the same test set in eval mode. The diagonal re-evaluates weights in the framework ")
                .append("that trained them and must equal its training cell's result.\n\n");
        List<String> targets = results.stream().map(r -> r.spec().framework()).sorted(Distribution.reportOrder()).toList();
        for (Matrix matrix : matrices) {
            boolean argsort = matrix.task().equals("argsort");
            md.append("### ").append(matrix.task()).append("\n\n");
            Markdown.header(md, "trained in ↓ / evaluated in →", targets);
            matrix.metrics().forEach((source, row) -> {
                md.append("| ").append(source).append(" |");
                for (String target : targets) {
                    String text = !row.containsKey(target) ? "—"
                            : row.get(target) == null ? "failed: " + matrix.reasons().get(source).get(target)
                            : String.format(Locale.ROOT, argsort ? "%.2f %%" : "%.4f", row.get(target));
                    md.append(' ').append(text).append(" |");
                }
                md.append('\n');
            });
            md.append(String.format(Locale.ROOT, "%nLargest difference from the training framework's own result: %s.%n%n",
                    argsort ? String.format(Locale.ROOT, "%.4f points", matrix.worst()) : String.format(Locale.ROOT, "%.4f", matrix.worst())));
        }
        List<PortResult> described = results.stream().filter(r -> r.framework() != null)
                .sorted(Comparator.comparing(r -> r.spec().framework(), Distribution.reportOrder())).toList();
        if (!described.isEmpty()) {
            md.append("Native build each evaluating worker loaded:\n\n");
            described.forEach(r -> md.append("- ").append(r.spec().framework()).append(": ").append(r.framework().nativeBuild()).append('\n'));
            md.append('\n');
        }
        notOk().forEach(r -> md.append("- Portability into ").append(r.spec().framework()).append(": ").append(r.status())
                .append(", ").append(r.reason()).append('\n'));
    }
}
