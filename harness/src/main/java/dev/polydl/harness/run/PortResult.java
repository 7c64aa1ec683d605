package dev.polydl.harness.run;

import java.util.List;

/** What one target framework measured on every source's weights; written as {@code portability/<framework>.json}. */
public record PortResult(PortSpec spec, String status, String reason, String startedAt, double wallSeconds, List<Entry> entries) {

    /**
     * @param metric test accuracy (0–1) or argsort score (0–100) of the source's weights in the target framework;
     *               null when loading or evaluating failed, with the reason
     */
    public record Entry(String task, String sourceCell, String sourceFramework, Double metric, String reason) {
    }
}
