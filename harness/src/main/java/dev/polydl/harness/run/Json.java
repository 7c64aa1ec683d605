package dev.polydl.harness.run;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * JSON files of the harness, written atomically ({@link AtomicFiles}).
 */
public final class Json {
    public static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private Json() {
    }

    public static void write(Path file, Object value) {
        AtomicFiles.replace(file, "cannot write", temporary -> MAPPER.writeValue(temporary.toFile(), value));
    }

    public static <T> T read(Path file, Class<T> type) {
        try {
            return MAPPER.readValue(file.toFile(), type);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": not a readable " + type.getSimpleName() + " file: "
                    + e.getMessage().lines().findFirst().orElse(""), e);
        }
    }
}
