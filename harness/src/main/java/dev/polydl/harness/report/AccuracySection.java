package dev.polydl.harness.report;

import dev.polydl.harness.run.CellResult;
import dev.polydl.harness.run.CellSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Test accuracy (argsort: score) per task and framework, pooled over repeats with identical settings. */
final class AccuracySection implements Section {
    static final String TITLE = "Test accuracy";

    /** The repeats of one cell that trained with identical settings and finished with a metric. */
    record Group(List<CellResult> runs) {
        Stats metric() {
            return Stats.of(runs.stream().map(CellResult::metric).toList());
        }
    }

    /**
     * One task and framework.
     *
     * @param groups  repeats pooled by settings, whichever machine ran them; the first is the main one
     * @param notOk   repeats without a metric (diverged, failed, …)
     * @param status  the first repeat's status, or "not run"
     */
    record Entry(String task, String framework, List<Group> groups, long notOk, String status) {
        boolean hasMetric() {
            return !groups.isEmpty();
        }

        /** The main settings' metric over their repeats. */
        Stats mainMetric() {
            return groups.get(0).metric();
        }
    }

    private final List<String> frameworks;
    private final List<String> tasks;
    private final Map<String, List<Entry>> byTask;

    AccuracySection(Results results) {
        frameworks = results.frameworks();
        tasks = results.tasks();
        byTask = entries(results);
    }

    /** Per task, one entry per framework in report order. */
    Map<String, List<Entry>> entries() {
        return byTask;
    }

    private static Map<String, List<Entry>> entries(Results results) {
        Map<String, List<Entry>> byTask = new LinkedHashMap<>();
        for (String task : results.tasks()) {
            List<Entry> entries = new ArrayList<>();
            for (String framework : results.frameworks()) {
                List<CellResult> runs = Results.select(results.cells(), task, framework, CellSpec.CHANNELS_FIRST);
                Map<CellSpec, List<CellResult>> bySettings = new LinkedHashMap<>();
                runs.stream().filter(r -> r.metric() != null)
                        .forEach(r -> bySettings.computeIfAbsent(r.spec().settings(), k -> new ArrayList<>()).add(r));
                entries.add(new Entry(task, framework, bySettings.values().stream().map(Group::new).toList(),
                        runs.stream().filter(r -> r.metric() == null).count(), runs.isEmpty() ? "not run" : runs.get(0).status()));
            }
            byTask.put(task, entries);
        }
        return byTask;
    }

    @Override
    public String title() {
        return TITLE;
    }

    @Override
    public void append(StringBuilder md) {
        md.append("Mean ± sample standard deviation over repeats (n = number of repeats that finished `ok`). "
                + "FCN and CNN: accuracy on the test images in eval mode; argsort: score in %. "
                + "A diverged run (loss NaN or infinite) is never counted as an accuracy. Repeats are pooled only when they trained with "
                + "identical settings; runs with other settings, on any machine, are listed apart.\n\n");
        Markdown.header(md, "task", frameworks);
        for (String task : tasks) {
            md.append("| ").append(task);
            for (Entry entry : byTask.get(task)) {
                String text = entry.hasMetric()
                        ? String.join("; ", entry.groups().stream().map(g -> text(g, task, entry.groups().size() > 1)).toList())
                        : entry.status();
                if (entry.notOk() > 0 && entry.hasMetric()) {
                    text += "; " + entry.notOk() + " not ok";
                }
                md.append(" | ").append(text);
            }
            md.append(" |\n");
        }
        md.append('\n');
    }

    /** A group's mean ± sd and count; with its settings and machines when other groups stand beside it. */
    private static String text(Group group, String task, boolean named) {
        boolean percent = task.equals("argsort");
        CellSpec spec = group.runs().get(0).spec();
        String settings = !named ? "" : String.format(Locale.ROOT, ", %d epochs, batch %d, %s %s, on %s", spec.epochs(), spec.batchSize(),
                spec.optimizer(), Markdown.num(spec.learningRate()), String.join(" and ", Machines.of(group.runs())));
        return group.metric().format(percent ? 2 : 4) + (percent ? " %" : "") + " (n=" + group.runs().size() + settings + ")";
    }
}
