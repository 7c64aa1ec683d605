package dev.polydl.harness;

import dev.polydl.common.EngineSetting;
import dev.polydl.harness.run.ChildJvm;
import dev.polydl.harness.run.Distribution;
import dev.polydl.harness.run.EngineEnvironment;
import dev.polydl.harness.run.FrameworkDescription;
import dev.polydl.harness.run.Json;
import dev.polydl.harness.run.ResultFolder;
import dev.polydl.harness.worker.Worker;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What each framework's build reports of itself (versions, devices, layouts, engine settings), asked in a
 * JVM with that framework's classpath only: the coordinator cannot load the providers itself.
 */
final class FrameworkDescriptions {
    /** Loading a framework's natives takes seconds; a describe step that hangs must not hang the run. */
    private static final Duration TIME_LIMIT = Duration.ofMinutes(5);

    private FrameworkDescriptions() {
    }

    /** Describes each framework into the folder's {@code frameworks/}; a dry run keeps the descriptions in a temporary folder. */
    static Map<String, FrameworkDescription> describe(Distribution distribution, ResultFolder folder, boolean dryRun, List<String> ids,
                                                    int threadCount, PrintStream console) {
        Path into = null;
        try {
            into = dryRun ? Files.createTempDirectory("polydl-describe") : folder.frameworks();
            return describe(distribution, into, dryRun ? into : folder.logs(), ids, threadCount, console);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a folder for the framework descriptions: " + e.getMessage(), e);
        } finally {
            if (dryRun && into != null) {
                deleteQuietly(into);
            }
        }
    }

    private static void deleteQuietly(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        } catch (IOException e) {
            // a leftover temporary folder is harmless
        }
    }

    /** A dry run's logs stay in the temporary folder {@code into}, so its errors name no log. */
    private static Map<String, FrameworkDescription> describe(Distribution distribution, Path into, Path logs, List<String> ids,
                                                            int threadCount, PrintStream console) {
        Map<String, FrameworkDescription> descriptions = new LinkedHashMap<>();
        for (String id : ids) {
            Path file = into.resolve(id + ".json");
            Path log = logs.resolve("describe-" + id + ".log");
            ChildJvm describer = new ChildJvm(id, threadCount, EngineEnvironment.harnessOnly(), Worker.class.getName(),
                    List.of("describe", id, file.toString()), log, TIME_LIMIT);
            ChildJvm.Exit exit = describer.run(distribution, line -> true);
            if (!exit.succeeded()) {
                throw new IllegalStateException("cannot describe " + id + ": its JVM " + exit.describe(TIME_LIMIT) + "; last line: "
                        + exit.lastLine() + (logs.equals(into) ? "" : " (log " + log + ")"));
            }
            FrameworkDescription description = Json.read(file, FrameworkDescription.class);
            descriptions.put(id, description);
            console.printf("framework: %-10s %s / native %s%s%n", id, description.displayName(), description.nativeVersion(),
                    description.settings().isEmpty() ? "" : "; engine settings: " + String.join("; ",
                            description.settings().stream().map(EngineSetting::name).toList()));
        }
        return descriptions;
    }
}
