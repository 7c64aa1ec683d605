package dev.polydl.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Coverage-guided fuzzing of the readers of user files (Jazzer). Any content must give a valid result or an
 * {@link InputFileException} whose one line names the file and a position in it; any other exception, a hang
 * or running out of memory is a finding. {@code mvn test} replays the committed seeds and findings
 * ({@code src/test/resources/dev/polydl/common/InputFilesFuzzTestInputs/<method>/}); {@code mvn verify} then
 * fuzzes each reader for a fixed time (the {@code fuzz-*} executions in this module's pom).
 */
class InputFilesFuzzTest {
    private static final Path FOLDER = temporaryFolder();

    private static Path temporaryFolder() {
        try {
            Path folder = Files.createTempDirectory("polydl-fuzz");
            folder.toFile().deleteOnExit();
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path file(String name, byte[] content) {
        try {
            return Files.write(FOLDER.resolve(name), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One line naming the file and where in it the problem is. */
    private static void assertLocated(InputFileException e, Path file) {
        String message = e.getMessage();
        assertTrue(message.startsWith(file + ": ") && (message.contains("byte offset ") || message.contains("line ")), message);
        assertEquals(1, message.lines().count(), message);
    }

    @FuzzTest(maxDuration = "20s")
    void mnistCsv(byte[] content) {
        Path csv = file("digits.csv", content);
        try {
            ImageDataset images = MnistCsv.read(csv);
            assertTrue(images.size() > 0);
        } catch (InputFileException e) {
            assertLocated(e, csv);
        }
    }

    /** The images file is fuzzed (plain or gzipped, by its magic bytes); its labels file holds one label. */
    @FuzzTest(maxDuration = "20s")
    void idxImages(byte[] content) {
        Path images = file("images.idx", content);
        Path labels = file("labels.idx", new byte[] {0, 0, 8, 1, 0, 0, 0, 1, 7});
        try {
            ImageDataset dataset = IdxFiles.read(images, labels);
            assertEquals(1, dataset.size());
        } catch (InputFileException e) {
            assertLocated(e, e.file());
            assertTrue(e.file().equals(images) || e.file().equals(labels), e.getMessage());
        }
    }

    /** A weights file for the argsort model (two tensors, 2×2 and 2). */
    @FuzzTest(maxDuration = "20s")
    void safetensors(byte[] content) {
        Path weights = file("weights.safetensors", content);
        try {
            Parameters parameters = Parameters.load(weights, ModelSpec.ARGSORT);
            assertEquals(ModelSpec.ARGSORT.parameters().size(), parameters.tensors().size());
        } catch (InputFileException e) {
            assertLocated(e, weights);
        }
    }
}
