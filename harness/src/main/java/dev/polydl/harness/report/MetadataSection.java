package dev.polydl.harness.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.polydl.harness.run.CellResult;
import dev.polydl.harness.run.Json;
import dev.polydl.harness.run.ResultFolder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Where and with what the results were measured: library and native versions, engine environment, machine, run. */
final class MetadataSection implements Section {
    private final Results results;

    MetadataSection(Results results) {
        this.results = results;
    }

    @Override
    public String title() {
        return "Where and with what this was measured";
    }

    @Override
    public void append(StringBuilder md) {
        List<CellResult> cells = results.cells();
        md.append("| framework | library | native library | native build loaded | JVM |\n")
                .append("|---|---|---|---|---|\n");
        for (String framework : results.frameworks()) {
            firstDescribed(cells, framework)
                    .ifPresent(c -> md.append("| ").append(c.framework().displayName()).append(" | ").append(c.framework().frameworkVersion())
                            .append(" | ").append(c.framework().nativeVersion()).append(" | ")
                            .append(c.framework().nativeBuild() == null ? "not recorded" : c.framework().nativeBuild())
                            .append(" | ").append(c.javaVersion()).append(" |\n"));
        }
        md.append("\nEngine environment of the cells (every worker JVM of a framework gets the same; the tuning ladder in the ")
                .append("benchmark section shows what each setting is worth):\n\n| framework | engine settings | environment | JVM options |\n")
                .append("|---|---|---|---|\n");
        for (String framework : results.frameworks()) {
            firstDescribed(cells, framework)
                    .ifPresent(c -> md.append("| ").append(framework).append(" | ").append(EnvironmentText.settings(c.spec().environment()))
                            .append(" | ").append(EnvironmentText.variables(c.spec().environment())).append(" | ")
                            .append(EnvironmentText.jvm(c.spec().environment())).append(" |\n"));
        }
        md.append('\n');
        for (ResultFolder folder : results.folders()) {
            if (Files.isRegularFile(folder.machine())) {
                JsonNode machine = readTree(folder.machine());
                md.append("Machine").append(results.folders().size() > 1 ? " (" + folder.root().getFileName() + ")" : "").append(":\n\n");
                machine.fields().forEachRemaining(field -> md.append("- ").append(field.getKey()).append(": ")
                        .append(machineValue(field.getValue())).append('\n'));
                md.append('\n');
            }
            if (Files.isRegularFile(folder.run())) {
                JsonNode run = readTree(folder.run());
                md.append(String.format(Locale.ROOT, "Last run: `polydl %s`, %s → %s, %.1f min wall time.%n%n", run.path("command").asText(),
                        run.path("started").asText(), run.path("finished").asText(), run.path("wallSeconds").asDouble() / 60));
            }
        }
        double cellSeconds = cells.stream().mapToDouble(CellResult::wallSeconds).sum();
        md.append(String.format(Locale.ROOT, "Sum of the cells' worker wall times: %.1f min. Raw results: `cells/*.json` (one per cell), "
                + "`portability/*.json`, `parity/`; worker logs in `logs/`.%n", cellSeconds / 60));
    }

    /** A machine.json value as text: a list joined, an empty list "none", a missing value "not known". */
    private static String machineValue(JsonNode value) {
        if (value.isArray()) {
            List<String> items = new ArrayList<>();
            value.forEach(item -> items.add(item.asText()));
            return items.isEmpty() ? "none" : String.join(", ", items);
        }
        return value.isNull() ? "not known" : value.isTextual() ? value.asText() : value.toString();
    }

    /** The first cell of a framework that recorded what the framework reported of itself. */
    private static Optional<CellResult> firstDescribed(List<CellResult> cells, String framework) {
        return cells.stream().filter(c -> c.spec().framework().equals(framework) && c.framework() != null).findFirst();
    }

    private static JsonNode readTree(Path file) {
        try {
            return Json.MAPPER.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": " + e.getMessage(), e);
        }
    }
}
