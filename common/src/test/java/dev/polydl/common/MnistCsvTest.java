package dev.polydl.common;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MnistCsvTest {
    @TempDir
    Path directory;

    /** A valid row: the label, then 784 pixels p_i = (i + label) mod 256. */
    static String row(int label) {
        StringBuilder line = new StringBuilder().append(label);
        for (int i = 0; i < 784; i++) {
            line.append(',').append((i + label) % 256);
        }
        return line.toString();
    }

    private Path write(String name, String content) throws IOException {
        Path file = directory.resolve(name);
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    private static String header() {
        StringBuilder line = new StringBuilder("label");
        for (int i = 1; i <= 784; i++) {
            line.append(",pixel").append(i);
        }
        return line.toString();
    }

    @Test
    @DisplayName("reads labels and pixels, scaled once to p/255")
    void readsRows() throws IOException {
        ImageDataset data = MnistCsv.read(write("ok.csv", row(3) + "\n" + row(7) + "\n"));
        assertEquals(2, data.size());
        assertArrayEquals(new int[] {3, 7}, data.labels());
        assertEquals(28, data.rows());
        assertEquals(3 / 255f, data.pixels()[0]);
        assertEquals(((783 + 7) % 256) / 255f, data.pixels()[2 * 784 - 1]);
    }

    @Test
    @DisplayName("skips an optional header line")
    void header_isOptional() throws IOException {
        ImageDataset data = MnistCsv.read(write("header.csv", header() + "\n" + row(1) + "\n"));
        assertEquals(1, data.size());
        assertEquals(1, data.labels()[0]);
    }

    @Test
    @DisplayName("reads gzipped CSV, recognised by content rather than name")
    void gzip() throws IOException {
        Path file = directory.resolve("data.csv");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write((row(5) + "\n").getBytes(StandardCharsets.UTF_8));
        }
        assertEquals(5, MnistCsv.read(file).labels()[0]);
    }

    @Test
    void missingFile() {
        Path file = directory.resolve("absent.csv");
        assertMessage(file + ": no such file", () -> MnistCsv.read(file));
    }

    @Test
    void emptyFile() throws IOException {
        Path file = write("empty.csv", "");
        assertMessage(file + ": line 1: empty file, no images", () -> MnistCsv.read(file));
    }

    @Test
    void headerOnly() throws IOException {
        Path file = write("header-only.csv", header() + "\n");
        assertMessage(file + ": line 2: no image rows after the header", () -> MnistCsv.read(file));
    }

    @Test
    void wrongColumnCount() throws IOException {
        Path file = write("short.csv", row(1) + "\n" + row(2).substring(0, row(2).lastIndexOf(',')) + "\n");
        assertMessage(file + ": line 2: expected 785 columns (label and 784 pixels), found 784", () -> MnistCsv.read(file));
    }

    @Test
    void nonNumericCell() throws IOException {
        Path file = write("text.csv", row(1) + "\n" + row(2).replaceFirst(",2,", ",x2,") + "\n");
        assertMessage(file + ": line 2: column 2 (pixel 1) is 'x2', not an integer", () -> MnistCsv.read(file));
    }

    @Test
    void pixelOutOfRange() throws IOException {
        Path file = write("bright.csv", row(0).replaceFirst("^0,0,1,2,", "0,0,1,300,") + "\n");
        assertMessage(file + ": line 1: pixel 3 (column 4) is 300, outside 0–255", () -> MnistCsv.read(file));
    }

    @Test
    void negativePixel() throws IOException {
        Path file = write("dark.csv", row(0).replaceFirst("^0,0,", "0,-1,") + "\n");
        assertMessage(file + ": line 1: pixel 1 (column 2) is -1, outside 0–255", () -> MnistCsv.read(file));
    }

    @Test
    void labelOutOfRange() throws IOException {
        Path file = write("label.csv", header() + "\n" + row(4) + "\n" + "10" + row(4).substring(1) + "\n");
        assertMessage(file + ": line 3: label 10 is outside 0–9", () -> MnistCsv.read(file));
    }

    @Test
    void blankLineInside() throws IOException {
        Path file = write("blank.csv", row(4) + "\n\n" + row(5) + "\n");
        assertMessage(file + ": line 2: expected 785 columns (label and 784 pixels), found 1", () -> MnistCsv.read(file));
    }

    @Test
    void corruptGzip() throws IOException {
        Path file = directory.resolve("broken.csv.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            for (int i = 0; i < 200; i++) {
                out.write((row(i % 10) + "\n").getBytes(StandardCharsets.UTF_8));
            }
        }
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length / 2)); // cut the stream in the middle
        InputFileException error = assertThrows(InputFileException.class, () -> MnistCsv.read(file));
        assertTrue(error.getMessage().matches("\\Q" + file + "\\E: line \\d+: cannot read \\(corrupt gzip data\\?\\): .+"),
                error.getMessage());
        assertFalse(error.getMessage().contains("\n"), "one line");
    }

    static void assertMessage(String expected, org.junit.jupiter.api.function.Executable read) {
        InputFileException error = assertThrows(InputFileException.class, read);
        assertEquals(expected, error.getMessage());
        assertFalse(error.getMessage().contains("\n"), "one line");
    }
}
