package dev.polydl.common;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/** Opening data files: gzip is recognised by its magic bytes, not by the file name. */
final class DataFiles {
    private DataFiles() {
    }

    /** An input stream over the file's contents, transparently gunzipped. */
    static InputStream open(Path file) {
        if (Files.isDirectory(file)) {
            throw new InputFileException(file, null, "is a directory, expected a data file");
        }
        try {
            InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
            return isGzip(in) ? new BufferedInputStream(new GZIPInputStream(in, 1 << 16), 1 << 16) : in;
        } catch (NoSuchFileException e) {
            throw new InputFileException(file, null, "no such file");
        } catch (IOException e) {
            throw new InputFileException(file, InputFileException.offset(0), "cannot read: " + e.getMessage(), e);
        }
    }

    private static boolean isGzip(InputStream in) throws IOException {
        in.mark(2);
        int first = in.read();
        int second = in.read();
        in.reset();
        return first == 0x1f && second == 0x8b;
    }
}
