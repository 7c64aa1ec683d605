package dev.polydl.common;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Records every deviation the contract kit measures: printed to the test log, and appended as one
 * JSON object per line to {@code <polydl.parity.dir>/<framework>.jsonl} (default
 * {@code target/parity}), so that the report can show measured figures, not just "passed".
 */
final class ParityLog {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Files this JVM has started: the first record of a run replaces what an earlier run left. */
    private static final Set<Path> STARTED = new HashSet<>();

    private ParityLog() {
    }

    /**
     * Keeps a framework's eval outputs for the kit's shared batch and weights in
     * {@code <polydl.parity.dir>/<framework>-<model>-<device>-forward.json}, so that a later build step
     * can compare the frameworks with each other without loading two of them into one JVM.
     */
    static void recordOutputs(String framework, String model, Device device, float[] outputs) {
        ObjectNode json = JSON.createObjectNode().put("framework", framework).put("model", model).put("device", device.id());
        var values = json.putArray("outputs");
        for (float value : outputs) {
            values.add(value);
        }
        Path file = Path.of(System.getProperty("polydl.parity.dir", "target/parity"), framework + "-" + model + "-" + device.id() + "-forward.json");
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, JSON.writeValueAsString(json), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    static synchronized void record(String framework, String model, Device device, String check, double measured, double tolerance) {
        System.out.printf(Locale.ROOT, "[parity] %-10s %-8s %-4s %-28s max|Δ| = %.3e (tolerance %.0e)%n",
                framework, model, device.id(), check, measured, tolerance);
        ObjectNode line = JSON.createObjectNode().put("framework", framework).put("model", model)
                .put("device", device.id()).put("check", check).put("maxAbsDiff", measured).put("tolerance", tolerance);
        Path file = Path.of(System.getProperty("polydl.parity.dir", "target/parity"), framework + ".jsonl");
        try {
            Files.createDirectories(file.getParent());
            StandardOpenOption mode = STARTED.add(file) ? StandardOpenOption.TRUNCATE_EXISTING : StandardOpenOption.APPEND;
            Files.writeString(file, JSON.writeValueAsString(line) + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE, mode);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + file, e);
        }
    }
}
