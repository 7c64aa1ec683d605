package dev.polydl.harness.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Lines of code of each framework module's model files ({@code *Fcn.java}, {@code *Cnn.java},
 * {@code *Argsort.java}): the verbosity that older comparisons argued about in prose, measured.
 */
public final class SourceLines {
    /** One model file: code lines exclude blank lines and comment-only lines. */
    public record ModelFile(String module, String model, Path file, int codeLines, int allLines) {
    }

    private SourceLines() {
    }

    public static List<ModelFile> count(Path home) {
        List<ModelFile> files = new ArrayList<>();
        try (Stream<Path> modules = Files.list(home)) {
            for (Path module : modules.filter(p -> Files.isDirectory(p.resolve("src/main/java"))).sorted().toList()) {
                try (Stream<Path> sources = Files.walk(module.resolve("src/main/java"))) {
                    for (Path file : sources.filter(Files::isRegularFile).sorted().toList()) {
                        String model = modelOf(file.getFileName().toString());
                        if (model != null) {
                            List<String> lines = Files.readAllLines(file);
                            files.add(new ModelFile(module.getFileName().toString(), model, home.relativize(file),
                                    codeLines(lines), lines.size()));
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot count lines under " + home, e);
        }
        return files;
    }

    static String modelOf(String fileName) {
        for (String model : List.of("Fcn", "Cnn", "Argsort")) {
            if (fileName.endsWith(model + ".java") && fileName.length() > model.length() + 5) {
                return model.toLowerCase(java.util.Locale.ROOT);
            }
        }
        return null;
    }

    static int codeLines(List<String> lines) {
        int code = 0;
        boolean inBlock = false;
        for (String raw : lines) {
            String line = raw.strip();
            if (inBlock) {
                if (line.contains("*/")) {
                    inBlock = false;
                    line = line.substring(line.indexOf("*/") + 2).strip();
                } else {
                    continue;
                }
            }
            if (line.startsWith("/*")) {
                if (!line.contains("*/")) {
                    inBlock = true;
                    continue;
                }
                line = line.substring(line.indexOf("*/") + 2).strip();
            }
            if (!line.isEmpty() && !line.startsWith("//")) {
                code++;
            }
        }
        return code;
    }
}
