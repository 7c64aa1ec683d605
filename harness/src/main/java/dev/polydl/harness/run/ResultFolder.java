package dev.polydl.harness.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The layout of a results folder. Every file is JSON written atomically, one per cell, so that
 * several runs (or shards from several machines) can be merged by the report.
 */
public record ResultFolder(Path root) {
    /** Unreadable result files already warned about: several readers of one run see the same file. */
    private static final Set<Path> WARNED = ConcurrentHashMap.newKeySet();

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

    /** The cell's result; empty when there is none or it cannot be read (then the cell runs again). */
    public Optional<CellResult> result(String id) {
        return readable(cell(id), CellResult.class);
    }

    public List<CellResult> results() {
        return readAll(cells(), CellResult.class);
    }

    public List<PortResult> portabilityResults() {
        return readAll(portability(), PortResult.class);
    }

    /**
     * A result file's content; empty when it is missing, or truncated or garbled (a disk that filled, a hand edit):
     * such a file counts as missing, with one warning per file naming it, so that its cell runs again.
     */
    private static <T> Optional<T> readable(Path file, Class<T> type) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Json.read(file, type));
        } catch (UncheckedIOException e) {
            if (WARNED.add(file.toAbsolutePath().normalize())) {
                System.err.println("warning: " + e.getMessage() + "; treated as missing");
            }
            return Optional.empty();
        }
    }

    static <T> List<T> readAll(Path folder, Class<T> type) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            List<T> all = new ArrayList<>();
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList()) {
                readable(file, type).ifPresent(all::add);
            }
            return all;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder, e);
        }
    }
}
