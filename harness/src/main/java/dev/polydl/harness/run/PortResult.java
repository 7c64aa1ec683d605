package dev.polydl.harness.run;

import java.util.List;

/**
 * What one target framework measured on every source's weights; written as {@code portability/<framework>.json}.
 *
 * @param framework the target framework's versions and the native build it loaded; null when the worker never got that far
 */
public record PortResult(PortSpec spec, String status, String reason, CellResult.FrameworkInfo framework, String startedAt,
                         double wallSeconds, List<Entry> entries) {

    /** A run that evaluated every source: {@code ok} only when every entry has its metric, so a rerun retries the others. */
    public static PortResult finished(PortSpec spec, CellResult.FrameworkInfo framework, String startedAt, double wallSeconds,
                                      List<Entry> entries) {
        List<Entry> failed = entries.stream().filter(entry -> entry.metric() == null).toList();
        if (failed.isEmpty()) {
            return new PortResult(spec, CellResult.OK, null, framework, startedAt, wallSeconds, entries);
        }
        Entry first = failed.get(0);
        String reason = failed.size() + " of " + entries.size() + " weights could not be evaluated; first: " + first.sourceFramework()
                + " " + first.task() + ": " + first.reason();
        return new PortResult(spec, CellResult.FAILED, reason, framework, startedAt, wallSeconds, entries);
    }

    /** A run that ended before it measured anything (crash, time limit, exception). */
    public static PortResult unfinished(PortSpec spec, String status, String reason, String startedAt, double wallSeconds) {
        return new PortResult(spec, status, reason, null, startedAt, wallSeconds, List.of());
    }

    /**
     * @param metric test accuracy (0–1) or argsort score (0–100) of the source's weights in the target framework;
     *               null when loading or evaluating failed, with the reason
     */
    public record Entry(String task, String sourceCell, String sourceFramework, Double metric, String reason) {
    }
}
