package dev.polydl.harness.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Lines of code of each framework module's model definitions: the model file ({@code *Fcn.java},
 * {@code *Cnn.java}, {@code *Argsort.java}) and the module's files it needs (layer helpers, layouts, a loss),
 * followed transitively. The classes that build every model (provider, session) are the adapter, not a
 * model's code, and are left out. Counted when a run starts, and kept with its results.
 */
public final class SourceLines {
    /**
     * One model's code.
     *
     * @param file     the model file, relative to the project
     * @param helpers  the module's other files the model needs, relative to the project, with their code lines
     */
    public record ModelCode(String module, String model, String file, int codeLines, Map<String, Integer> helpers) {
        public int totalCodeLines() {
            return codeLines + helpers.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    private static final List<String> MODELS = List.of("Fcn", "Cnn", "Argsort");

    private SourceLines() {
    }

    public static List<ModelCode> count(Path home) {
        List<ModelCode> all = new ArrayList<>();
        try (Stream<Path> modules = Files.list(home)) {
            for (Path module : modules.filter(p -> Files.isDirectory(p.resolve("src/main/java"))).sorted().toList()) {
                all.addAll(countModule(home, module));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot count lines under " + home, e);
        }
        return all;
    }

    private static List<ModelCode> countModule(Path home, Path module) throws IOException {
        Map<String, Path> classes = new LinkedHashMap<>();
        Map<String, String> texts = new LinkedHashMap<>();
        try (Stream<Path> sources = Files.walk(module.resolve("src/main/java"))) {
            for (Path file : sources.filter(f -> f.toString().endsWith(".java") && !f.endsWith("package-info.java")).sorted().toList()) {
                String name = file.getFileName().toString().replaceFirst("\\.java$", "");
                classes.put(name, file);
                texts.put(name, Files.readString(file));
            }
        }
        Set<String> models = new LinkedHashSet<>();
        classes.keySet().stream().filter(name -> modelOf(name + ".java") != null).forEach(models::add);
        // Whoever names a model builds it: the provider and the session, shared by every model.
        Set<String> builders = new LinkedHashSet<>();
        classes.keySet().stream().filter(name -> !models.contains(name))
                .filter(name -> models.stream().anyMatch(model -> mentions(texts.get(name), model))).forEach(builders::add);
        List<ModelCode> counted = new ArrayList<>();
        for (String model : models) {
            Set<String> needed = new LinkedHashSet<>();
            List<String> open = new ArrayList<>(List.of(model));
            while (!open.isEmpty()) {
                String current = open.remove(0);
                for (String other : classes.keySet()) {
                    if (!other.equals(model) && !models.contains(other) && !builders.contains(other) && !needed.contains(other)
                            && mentions(texts.get(current), other)) {
                        needed.add(other);
                        open.add(other);
                    }
                }
            }
            Map<String, Integer> helpers = new LinkedHashMap<>();
            needed.forEach(name -> helpers.put(home.relativize(classes.get(name)).toString(), codeLines(texts.get(name).lines().toList())));
            counted.add(new ModelCode(module.getFileName().toString(), modelOf(model + ".java"), home.relativize(classes.get(model)).toString(),
                    codeLines(texts.get(model).lines().toList()), helpers));
        }
        return counted;
    }

    private static boolean mentions(String text, String className) {
        return Pattern.compile("\\b" + Pattern.quote(className) + "\\b").matcher(text).find();
    }

    static String modelOf(String fileName) {
        for (String model : MODELS) {
            if (fileName.endsWith(model + ".java") && fileName.length() > model.length() + 5) {
                return model.toLowerCase(Locale.ROOT);
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
