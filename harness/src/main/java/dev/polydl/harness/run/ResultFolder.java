package dev.polydl.harness.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The layout of a results folder. Every file is JSON written atomically, one per cell, so that
 * several runs (or shards from several machines) can be merged by the report.
 */
public record ResultFolder(Path root) {
    public Path cells() {
        return root.resolve("cells");
    }

    public Path cell(String id) {
        return cells().resolve(id + ".json");
    }

    public Path portability() {
        return root.resolve("portability");
    }

    public Path weights() {
        return root.resolve("weights");
    }

    public Path logs() {
        return root.resolve("logs");
    }

    public Path work() {
        return root.resolve("work");
    }

    public Path frameworks() {
        return root.resolve("frameworks");
    }

    public Path parity() {
        return root.resolve("parity");
    }

    public Path bench() {
        return root.resolve("bench");
    }

    public Path machine() {
        return root.resolve("machine.json");
    }

    public Path run() {
        return root.resolve("run.json");
    }

    /** The model code's line counts, taken when the last run started: the report describes the code that ran. */
    public Path sourceLines() {
        return root.resolve("source-lines.json");
    }

    /** The machine's own steadiness, probed before and after the cells of the last run. */
    public Path steadiness() {
        return root.resolve("steadiness.json");
    }

    /** The machine's own steadiness, probed before and after the last bench (outside bench/, which holds JMH files only). */
    public Path benchSteadiness() {
        return root.resolve("bench-steadiness.json");
    }

    public Optional<CellResult> result(String id) {
        Path file = cell(id);
        return Files.isRegularFile(file) ? Optional.of(Json.read(file, CellResult.class)) : Optional.empty();
    }

    public List<CellResult> results() {
        return readAll(cells(), CellResult.class);
    }

    public List<PortResult> portabilityResults() {
        return readAll(portability(), PortResult.class);
    }

    static <T> List<T> readAll(Path folder, Class<T> type) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            List<T> all = new ArrayList<>();
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList()) {
                all.add(Json.read(file, type));
            }
            return all;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder, e);
        }
    }
}
