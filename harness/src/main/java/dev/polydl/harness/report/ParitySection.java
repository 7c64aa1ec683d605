package dev.polydl.harness.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.polydl.harness.run.Distribution;
import dev.polydl.harness.run.Json;
import dev.polydl.harness.run.ResultFolder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** What the contract kit measured in the last {@code mvn verify}: each framework's largest deviation from the reference. */
final class ParitySection implements Section {
    static final String TITLE = "Parity measured by the contract kit";

    /**
     * The parity files' numbers.
     *
     * @param worst      framework → check (forward, sgd, adam, …) → largest |Δ|
     * @param crossMax   largest |Δ| between two frameworks' logits for the same weights and inputs; null without that file
     * @param crossPair  which two frameworks and case
     * @param tolerance  the largest tolerance the kit held a framework's check to
     * @param exceeded   checks whose deviation exceeded their tolerance (the kit then failed)
     */
    record Parity(Map<String, Map<String, Double>> worst, Double crossMax, String crossPair, double tolerance, int exceeded) {
        boolean measured() {
            return !worst.isEmpty();
        }

        /** The largest deviation of any framework in any check, as {value, "framework check"}; null when nothing was measured. */
        Map.Entry<String, Double> largest() {
            Map.Entry<String, Double> largest = null;
            for (var framework : worst.entrySet()) {
                for (var check : framework.getValue().entrySet()) {
                    if (largest == null || check.getValue() > largest.getValue()) {
                        largest = Map.entry(framework.getKey() + " " + check.getKey(), check.getValue());
                    }
                }
            }
            return largest;
        }
    }

    private final Parity parity;

    ParitySection(Results results) {
        parity = read(results.folders());
    }

    static Parity read(List<ResultFolder> folders) {
        Map<String, Map<String, Double>> worst = new TreeMap<>(Distribution.reportOrder());
        Path crossFile = null;
        double tolerance = 0;
        int exceeded = 0;
        for (ResultFolder folder : folders) {
            if (!Files.isDirectory(folder.parity())) {
                continue;
            }
            try (Stream<Path> files = Files.list(folder.parity())) {
                for (Path file : files.sorted().toList()) {
                    if (file.toString().endsWith(".jsonl")) {
                        for (String line : Files.readAllLines(file)) {
                            JsonNode node = Json.MAPPER.readTree(line);
                            if (node.get("framework").asText().startsWith("reference")) {
                                continue; // the kit's own oracle and its deliberately flawed adapters (its self-test), not frameworks
                            }
                            String check = node.get("check").asText().replaceAll("-(loss|parameters)$", "").replaceAll("-\\d+-steps", "");
                            double deviation = node.get("maxAbsDiff").asDouble();
                            worst.computeIfAbsent(node.get("framework").asText(), k -> new TreeMap<>()).merge(check, deviation, Math::max);
                            tolerance = Math.max(tolerance, node.path("tolerance").asDouble());
                            exceeded += deviation > node.path("tolerance").asDouble() ? 1 : 0;
                        }
                    } else if (file.endsWith("cross-framework.json")) {
                        crossFile = file;
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read parity files in " + folder.parity(), e);
            }
        }
        if (crossFile == null) {
            return new Parity(worst, null, null, tolerance, exceeded);
        }
        try {
            double max = 0;
            String pair = "";
            JsonNode cross = Json.MAPPER.readTree(crossFile.toFile());
            for (var entry : (Iterable<Map.Entry<String, JsonNode>>) cross::fields) {
                for (JsonNode node : entry.getValue()) {
                    if (!node.get("a").asText().equals("reference") && !node.get("b").asText().equals("reference")
                            && node.get("maxAbsDiff").asDouble() >= max) {
                        max = node.get("maxAbsDiff").asDouble();
                        pair = node.get("a").asText() + " vs " + node.get("b").asText() + ", " + entry.getKey();
                    }
                }
            }
            return new Parity(worst, max, pair, tolerance, exceeded);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + crossFile, e);
        }
    }

    Parity parity() {
        return parity;
    }

    @Override
    public String title() {
        return TITLE;
    }

    @Override
    public void append(StringBuilder md) {
        if (!parity.measured()) {
            md.append("No parity files: run `mvn verify` before `polydl compare` to include them.\n\n");
            return;
        }
        md.append("Largest |Δ| against the double-precision reference network over FCN, CNN (both layouts where built), argsort and ")
                .append("transfer, as measured by the last `mvn verify` (tolerance ").append(Markdown.sci(parity.tolerance()))
                .append("): forward logits, and losses and parameters after 5 SGD steps and 3 Adam steps.\n\n")
                .append("| framework | forward | SGD | Adam |\n|---|---|---|---|\n");
        parity.worst().forEach((framework, checks) -> md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s |%n", framework,
                Markdown.sci(checks.get("forward")), Markdown.sci(checks.get("sgd")), Markdown.sci(checks.get("adam")))));
        if (parity.crossMax() != null) {
            md.append(String.format(Locale.ROOT, "%nLargest difference between two frameworks' logits for the same weights and inputs: %s (%s).%n",
                    Markdown.sci(parity.crossMax()), parity.crossPair()));
        }
        md.append('\n');
    }
}
