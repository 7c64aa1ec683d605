package dev.polydl.harness.run;

import java.nio.file.Path;

/**
 * A file polydl cannot write where the user pointed it (a read-only folder, a full disk): one line naming
 * the file, exit status 2, and nothing half-written left behind.
 */
public class OutputFileException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public OutputFileException(Path file, String problem) {
        super(file + ": " + problem);
    }

    public OutputFileException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
    }
}
