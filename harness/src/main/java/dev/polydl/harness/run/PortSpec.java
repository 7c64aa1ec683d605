package dev.polydl.harness.run;

import java.util.List;

/**
 * One portability cell: the target framework loads weights that each framework trained and
 * evaluates them on the same test set, in eval mode, channels-first.
 */
public record PortSpec(String id, String framework, String device, int threads, DataSpec data, List<Source> sources,
                       EngineEnvironment environment, Provenance provenance) {

    /** Trained weights of one training cell. */
    public record Source(String cell, String framework, String task, String weights, Double trainedMetric) {
    }
}
