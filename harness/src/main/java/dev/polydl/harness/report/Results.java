package dev.polydl.harness.report;

import dev.polydl.common.ModelSpec;
import dev.polydl.harness.bench.BenchResults;
import dev.polydl.harness.run.CellResult;
import dev.polydl.harness.run.Distribution;
import dev.polydl.harness.run.PortResult;
import dev.polydl.harness.run.ResultFolder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What every section of a report reads: the result folders, their cells merged (the newest result of each cell and
 * machine, finished results first: the same cell measured on two machines is two results), their portability
 * results, their JMH rows, and the frameworks and tasks the cells cover, in report order.
 */
record Results(List<ResultFolder> folders, List<CellResult> cells, List<PortResult> portability, List<BenchResults.Row> bench,
               List<String> frameworks, List<String> tasks) {

    static Results read(List<ResultFolder> folders) {
        Map<String, CellResult> byId = new TreeMap<>();
        for (ResultFolder folder : folders) {
            for (CellResult result : folder.results()) {
                byId.merge(result.spec().id() + " on " + Machines.of(result), result, CellResult::preferred);
            }
        }
        List<CellResult> cells = new ArrayList<>(byId.values());
        List<PortResult> portability = folders.stream().flatMap(folder -> folder.portabilityResults().stream()).toList();
        List<String> frameworks = cells.stream().map(c -> c.spec().framework()).distinct().sorted(Distribution.reportOrder()).toList();
        List<String> tasks = ModelSpec.canonical().stream().map(ModelSpec::name)
                .filter(task -> cells.stream().anyMatch(c -> c.spec().task().equals(task))).toList();
        return new Results(folders, cells, portability, BenchResults.merge(folders), frameworks, tasks);
    }

    /** The repeats of one cell, in repeat order. */
    static List<CellResult> select(List<CellResult> cells, String task, String framework, String layout) {
        return cells.stream().filter(c -> c.spec().task().equals(task) && c.spec().framework().equals(framework)
                && c.spec().layout().equals(layout)).sorted(Comparator.comparingInt(c -> c.spec().repeat())).toList();
    }

    /** Those runs that finished {@code ok} with timings. */
    static List<CellResult> okTimed(List<CellResult> runs) {
        return runs.stream().filter(r -> r.status().equals(CellResult.OK) && r.timings() != null).toList();
    }

    /** The middle value (the upper one of an even count); NaN for none. */
    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.isEmpty() ? Double.NaN : sorted.get(sorted.size() / 2);
    }
}
