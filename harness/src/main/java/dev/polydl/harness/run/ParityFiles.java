package dev.polydl.harness.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

/**
 * Brings the deviations that {@code mvn verify}'s contract kits measured ({@code <module>/target/parity/*.jsonl})
 * and the cross-framework summary into the results folder, so that the report shows measured figures.
 */
public final class ParityFiles {
    private ParityFiles() {
    }

    /** Copies what the last build left; keeps what the folder has when the build left nothing. */
    public static void collect(Path home, Path destination) {
        try (Stream<Path> modules = Files.list(home)) {
            for (Path module : modules.filter(Files::isDirectory).toList()) {
                Path parity = module.resolve("target/parity");
                if (!Files.isDirectory(parity)) {
                    continue;
                }
                try (Stream<Path> files = Files.list(parity)) {
                    for (Path file : files.filter(f -> f.toString().endsWith(".jsonl") || f.endsWith("cross-framework.json")).toList()) {
                        Files.createDirectories(destination);
                        Files.copy(file, destination.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING,
                                StandardCopyOption.COPY_ATTRIBUTES);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot collect parity files into " + destination, e);
        }
    }
}
