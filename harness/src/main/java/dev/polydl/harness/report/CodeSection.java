package dev.polydl.harness.report;

import dev.polydl.harness.run.Json;
import dev.polydl.harness.run.ResultFolder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** How many lines each framework's model definitions take, as counted when the run started. */
final class CodeSection implements Section {
    private final List<ResultFolder> inputs;

    CodeSection(Results results) {
        inputs = results.folders();
    }

    @Override
    public String title() {
        return "Lines of code of the model definitions";
    }

    @Override
    public void append(StringBuilder md) {
        ResultFolder recorded = inputs.stream().filter(f -> Files.isRegularFile(f.sourceLines())).findFirst().orElse(null);
        if (recorded == null) {
            md.append("Not recorded with these results (`compare` counts the model code when it starts a run).\n\n");
            return;
        }
        List<SourceLines.ModelCode> models = List.of(Json.read(recorded.sourceLines(), SourceLines.ModelCode[].class));
        md.append("Each framework's model code as it was when the run started")
                .append(inputs.size() > 1 ? " (counted with the results in " + recorded.root().getFileName() + ")" : "")
                .append(": the model file, plus the module's files it needs (layer helpers, layouts, a loss), not the provider ")
                .append("and session that build every model. Code lines exclude blank and comment-only lines. DJL's files serve ")
                .append("both its PyTorch and MXNet engines.\n\n| module | fcn | cnn | argsort | module total |\n|---|---|---|---|---|\n");
        Map<String, Map<String, SourceLines.ModelCode>> byModule = new TreeMap<>();
        models.forEach(m -> byModule.computeIfAbsent(m.module(), k -> new TreeMap<>()).put(m.model(), m));
        byModule.forEach((module, byModel) -> {
            md.append("| ").append(module);
            Map<String, Integer> distinctFiles = new LinkedHashMap<>();
            for (String model : List.of("fcn", "cnn", "argsort")) {
                SourceLines.ModelCode code = byModel.get(model);
                if (code == null) {
                    md.append(" | —");
                    continue;
                }
                distinctFiles.put(code.file(), code.codeLines());
                distinctFiles.putAll(code.helpers());
                md.append(" | ").append(code.totalCodeLines()).append(" (").append(Path.of(code.file()).getFileName());
                if (!code.helpers().isEmpty()) {
                    md.append(" + ").append(String.join(", ", code.helpers().keySet().stream()
                            .map(file -> Path.of(file).getFileName() + " " + code.helpers().get(file)).toList()));
                }
                md.append(')');
            }
            md.append(" | ").append(distinctFiles.values().stream().mapToInt(Integer::intValue).sum()).append(" |\n");
        });
        md.append('\n');
    }
}
