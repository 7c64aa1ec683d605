package dev.polydl.common;

import java.nio.file.Path;

/**
 * Bad input in a file the user gave us: the message is one line that names the file and where in
 * it the problem is (a CSV line, or a byte offset for binary formats), e.g.
 * {@code data/train.csv: line 12: pixel 7 is 300, outside 0–255}.
 */
public class InputFileException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;

    public InputFileException(Path file, String location, String problem) {
        this(file, location, problem, null);
    }

    public InputFileException(Path file, String location, String problem, Throwable cause) {
        super(file + ": " + (location == null ? "" : location + ": ") + problem, cause);
        this.file = file;
    }

    /** Location text for a CSV line (1-based). */
    public static String line(long number) {
        return "line " + number;
    }

    /** Location text for a byte offset (0-based). */
    public static String offset(long offset) {
        return "byte offset " + offset;
    }

    public Path file() {
        return file;
    }
}
