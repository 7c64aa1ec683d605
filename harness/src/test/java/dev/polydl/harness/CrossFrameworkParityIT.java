package dev.polydl.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every framework against every other: each framework module's contract kit leaves its eval-mode
 * outputs for the same batch and the same canonical weights in {@code target/parity}; here, one
 * test per pair of frameworks and per model checks that they agree as closely as each agrees with
 * the reference network. The frameworks never share a JVM: only their outputs meet.
 */
class CrossFrameworkParityIT {
    /** The kit's tolerance against the reference; pairs are held to the same bound. */
    private static final double TOLERANCE = 1e-4;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    private record Outputs(String framework, String model, String device, float[] values) {
    }

    @TestFactory
    @DisplayName("every pair of frameworks produces the same logits for the same weights and inputs")
    Stream<DynamicTest> everyPairAgrees() throws IOException {
        Map<String, List<Outputs>> byCase = new TreeMap<>();
        for (Outputs outputs : recordedOutputs()) {
            byCase.computeIfAbsent(outputs.model() + " " + outputs.device(), key -> new ArrayList<>()).add(outputs);
        }
        long frameworks = byCase.values().stream().flatMap(List::stream).map(Outputs::framework).distinct().count();
        Assumptions.assumeTrue(frameworks >= 2, "fewer than two frameworks left outputs in */target/parity: run mvn verify"
                + " from the project root so that the framework modules' contract kits run first");
        ObjectNode summary = JSON.createObjectNode();
        List<DynamicTest> tests = new ArrayList<>();
        byCase.forEach((name, all) -> {
            for (int i = 0; i < all.size(); i++) {
                for (int j = i + 1; j < all.size(); j++) {
                    Outputs a = all.get(i);
                    Outputs b = all.get(j);
                    double deviation = maxAbsDifference(a, b);
                    summary.withArray(name).addObject().put("a", a.framework()).put("b", b.framework()).put("maxAbsDiff", deviation);
                    tests.add(DynamicTest.dynamicTest(name + ": " + a.framework() + " vs " + b.framework(), () -> {
                        System.out.printf(Locale.ROOT, "[cross-parity] %-12s %-11s vs %-11s max|Δ| = %.3e%n", name, a.framework(),
                                b.framework(), deviation);
                        assertTrue(deviation <= TOLERANCE, a.framework() + " and " + b.framework() + " differ by " + deviation);
                    }));
                }
            }
        });
        Path file = Path.of("target", "parity", "cross-framework.json");
        Files.createDirectories(file.getParent());
        JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), summary);
        return tests.stream();
    }

    /** The correct frameworks' outputs; the kit's deliberately flawed reference adapters are left out. */
    private static List<Outputs> recordedOutputs() throws IOException {
        List<Outputs> found = new ArrayList<>();
        try (Stream<Path> modules = Files.list(ROOT)) {
            for (Path parity : modules.map(module -> module.resolve("target/parity")).filter(Files::isDirectory).toList()) {
                try (Stream<Path> files = Files.list(parity)) {
                    files.filter(file -> file.getFileName().toString().endsWith("-forward.json")).map(CrossFrameworkParityIT::read)
                            .filter(outputs -> !outputs.framework().startsWith("reference-"))
                            .forEach(found::add);
                }
            }
        }
        return found;
    }

    private static Outputs read(Path file) {
        try {
            JsonNode json = JSON.readTree(file.toFile());
            ArrayNode array = (ArrayNode) json.get("outputs");
            float[] values = new float[array.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = array.get(i).floatValue();
            }
            return new Outputs(json.get("framework").asText(), json.get("model").asText(), json.get("device").asText(), values);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static double maxAbsDifference(Outputs a, Outputs b) {
        assertEquals(a.values().length, b.values().length, "output counts of " + a.framework() + " and " + b.framework());
        double max = 0;
        for (int i = 0; i < a.values().length; i++) {
            max = Math.max(max, Math.abs((double) a.values()[i] - b.values()[i]));
        }
        return max;
    }
}
