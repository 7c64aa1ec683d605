package dev.polydl.harness.report;

import dev.polydl.common.ModelSpec;
import dev.polydl.harness.run.CellResult;
import dev.polydl.harness.run.CellSpec;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/** What was run: device, threads, warm-up, data, and per task the network and its training settings. */
final class SetupSection implements Section {
    private final Results results;

    SetupSection(Results results) {
        this.results = results;
    }

    @Override
    public String title() {
        return "Setup";
    }

    @Override
    public void append(StringBuilder md) {
        List<CellResult> cells = results.cells();
        CellSpec any = cells.get(0).spec();
        Set<String> devices = new LinkedHashSet<>();
        Set<Integer> threads = new LinkedHashSet<>();
        Set<String> data = new LinkedHashSet<>();
        int repeats = 0;
        for (CellResult cell : cells) {
            devices.add(cell.spec().device());
            threads.add(cell.spec().threads());
            if (!cell.spec().isArgsort()) {
                data.add(cell.spec().data().describe());
            }
            repeats = Math.max(repeats, cell.spec().repeat());
        }
        md.append("- Device: ").append(String.join(", ", devices)).append("; threads per engine: ")
                .append(threads.stream().map(String::valueOf).reduce((a, b) -> a + ", " + b).orElse("")).append(" (set explicitly in every engine).\n");
        String warmUpLimits = distinct(cells.stream().map(CellResult::spec).filter(c -> c.warmUpSeconds() > 0).toList(),
                c -> String.format(Locale.ROOT, "%.0f s", c.warmUpSeconds()));
        md.append("- Warm-up before the timed epochs: ").append(warmUpLimits.isEmpty() ? "none"
                : CellResult.WarmUp.rule() + ", at most " + warmUpLimits).append(".\n");
        md.append("- Image data: ").append(data.isEmpty() ? "none" : String.join("; ", data)).append(".\n");
        md.append("- Argsort data: ").append(CellSpec.ARGSORT_TRAIN).append(" train / ").append(CellSpec.ARGSORT_TEST)
                .append(" test arrays of 2 uniform values; score = % of outputs whose nearest integer is the target index.\n");
        md.append("- Every framework starts from the same initial weights and sees the same batches in the same order; ")
                .append("repeats (up to ").append(repeats).append(" per cell) use different seeds (base seed ").append(any.data().splitSeed())
                .append(").\n\n");
        md.append("| task | parameters | epochs | batch | optimizer | learning rate | train FLOPs per sample |\n|---|---|---|---|---|---|---|\n");
        for (String task : results.tasks()) {
            // The full cells of the task, not the short layout variants; every setting that differs between them is listed.
            List<CellSpec> specs = cells.stream().map(CellResult::spec).filter(c -> c.task().equals(task))
                    .filter(c -> c.layout().equals(CellSpec.CHANNELS_FIRST) && c.maxSteps() == 0).toList();
            if (specs.isEmpty()) {
                specs = cells.stream().map(CellResult::spec).filter(c -> c.task().equals(task)).toList();
            }
            ModelSpec model = specs.get(0).model();
            md.append(String.format(Locale.ROOT, "| %s | %,d | %s | %s | %s | %s | %,d |%n", task, model.parameterCount(),
                    distinct(specs, c -> String.valueOf(c.epochs())), distinct(specs, c -> String.valueOf(c.batchSize())),
                    distinct(specs, CellSpec::optimizer), distinct(specs, c -> Markdown.num(c.learningRate())), model.trainStepFlops()));
        }
        md.append('\n');
    }

    private static String distinct(List<CellSpec> specs, Function<CellSpec, String> value) {
        return String.join(" / ", specs.stream().map(value).distinct().toList());
    }
}
