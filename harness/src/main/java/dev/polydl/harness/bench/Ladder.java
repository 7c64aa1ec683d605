package dev.polydl.harness.bench;

import dev.polydl.common.ModelSpec;
import dev.polydl.harness.run.Distribution;
import dev.polydl.harness.run.Json;
import dev.polydl.harness.run.ResultFolder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The tuning ladder that {@code polydl bench} leaves in {@code bench/ladder/}: per framework, the
 * training-step results of rung 0 (the engine out of the box), rung 1 (one of polydl's settings on),
 * and so on up to polydl's configuration, each with the environment and native build it ran with.
 */
public final class Ladder {
    private static final String RUNG_INFIX = "-rung";
    private static final Pattern RUNG = Pattern.compile("(.+)" + RUNG_INFIX + "(\\d+)-train\\.json");

    /** One rung: the host's record and its training-step rows. */
    public record Rung(int index, BenchHost.Run run, List<BenchResults.Row> rows) {
        /** The setting this rung added; null for rung 0. */
        public String added() {
            List<String> settings = run.environment().settings();
            return index == 0 || settings.isEmpty() ? null : settings.get(settings.size() - 1);
        }
    }

    private Ladder() {
    }

    /** The bench host that measures {@code framework}'s rung; the rung's files in the ladder folder are named after it. */
    public static String hostName(String framework, int rung) {
        return framework + RUNG_INFIX + rung;
    }

    /** Rungs by framework in report order, each framework's in rung order; a later folder replaces an earlier one's rung. */
    public static Map<String, List<Rung>> read(List<ResultFolder> folders) {
        Map<String, Map<Integer, Rung>> byFramework = new LinkedHashMap<>();
        for (ResultFolder folder : folders) {
            Path ladder = folder.bench().resolve("ladder");
            if (!Files.isDirectory(ladder)) {
                continue;
            }
            try (Stream<Path> files = Files.list(ladder)) {
                for (Path file : files.sorted().toList()) {
                    Matcher matcher = RUNG.matcher(file.getFileName().toString());
                    Path runFile = ladder.resolve("runs").resolve(file.getFileName().toString().replace("-train.json", ".json"));
                    if (matcher.matches() && Files.isRegularFile(runFile)) {
                        int index = Integer.parseInt(matcher.group(2));
                        byFramework.computeIfAbsent(matcher.group(1), f -> new LinkedHashMap<>())
                                .put(index, new Rung(index, Json.read(runFile, BenchHost.Run.class), BenchResults.read(file)));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + ladder, e);
            }
        }
        Map<String, List<Rung>> result = new LinkedHashMap<>();
        byFramework.keySet().stream().sorted(Distribution.reportOrder()).forEach(framework -> result.put(framework,
                byFramework.get(framework).values().stream().sorted(Comparator.comparingInt(Rung::index)).toList()));
        return result;
    }

    /**
     * Removes the files of {@code framework}'s rungs above {@code lastRung} (all of them for -1) from {@code ladder} and
     * {@code logs}: left from a run when the framework declared more settings, they would claim to describe its configuration.
     */
    public static void forgetRungsAbove(Path ladder, Path logs, String framework, int lastRung) {
        Pattern rungFile = Pattern.compile(Pattern.quote(framework + RUNG_INFIX) + "(\\d+)(-train\\.json|\\.json|\\.log)");
        for (Path folder : List.of(ladder, ladder.resolve("runs"), ladder.resolve("failed"), logs)) {
            if (!Files.isDirectory(folder)) {
                continue;
            }
            try (Stream<Path> files = Files.list(folder)) {
                for (Path file : files.toList()) {
                    Matcher matcher = rungFile.matcher(file.getFileName().toString());
                    if (matcher.matches() && Integer.parseInt(matcher.group(1)) > lastRung) {
                        Files.delete(file);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot remove the stale ladder rungs of " + framework + " from " + folder, e);
            }
        }
    }

    /** The models and batch sizes measured on any rung, as "model@batch", in model then batch order. */
    public static List<String> configurations(List<Rung> rungs) {
        List<String> configurations = new ArrayList<>();
        List<String> modelOrder = ModelSpec.canonical().stream().map(ModelSpec::name).toList();
        rungs.stream().flatMap(r -> r.rows().stream()).filter(r -> r.method().equals("trainStep"))
                .sorted(Comparator.comparingInt((BenchResults.Row r) -> modelOrder.indexOf(r.param("model")))
                        .thenComparingInt(r -> Integer.parseInt(r.param("batch"))))
                .map(r -> r.param("model") + "@" + r.param("batch")).distinct().forEach(configurations::add);
        return configurations;
    }
}
