package dev.polydl.harness.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Result files replaced whole or not at all: the content goes to a temporary file beside the target, which is then
 * renamed over it. A reader never sees half a file, even after kill -9 or a full disk (the temporary file goes,
 * the old file stays).
 */
public final class AtomicFiles {
    /** Writes the temporary file that then replaces the target. */
    interface Content {
        void writeTo(Path temporary) throws IOException;
    }

    private AtomicFiles() {
    }

    /** Replaces {@code file} with {@code text} in UTF-8. */
    public static void replace(Path file, String text) {
        replace(file, "cannot write", temporary -> Files.writeString(temporary, text, StandardCharsets.UTF_8));
    }

    /**
     * @param failure what went wrong, as the error names it ("cannot write"), before the exception's own words
     */
    static void replace(Path file, String failure, Content content) {
        try {
            Path folder = file.toAbsolutePath().getParent();
            Files.createDirectories(folder);
            Path temporary = Files.createTempFile(folder, "." + file.getFileName(), ".tmp");
            try {
                content.writeTo(temporary);
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (IOException e) {
            throw new OutputFileException(file, failure + ": " + e.getClass().getSimpleName() + ": " + e.getMessage(), e);
        }
    }
}
