package dev.polydl.common;

import static dev.polydl.common.MnistCsvTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxFilesTest {
    @TempDir
    Path directory;

    static byte[] images(int count, int rows, int cols) {
        ByteBuffer buffer = ByteBuffer.allocate(16 + count * rows * cols);
        buffer.putInt(0x00000803).putInt(count).putInt(rows).putInt(cols);
        for (int i = 0; i < count * rows * cols; i++) {
            buffer.put((byte) (i * 7));
        }
        return buffer.array();
    }

    static byte[] labels(int... values) {
        ByteBuffer buffer = ByteBuffer.allocate(8 + values.length);
        buffer.putInt(0x00000801).putInt(values.length);
        for (int value : values) {
            buffer.put((byte) value);
        }
        return buffer.array();
    }

    private Path write(String name, byte[] bytes) throws IOException {
        Path file = directory.resolve(name);
        Files.write(file, bytes);
        return file;
    }

    private Path writeGzip(String name, byte[] bytes) throws IOException {
        Path file = directory.resolve(name);
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(bytes);
        }
        return file;
    }

    @Test
    @DisplayName("reads plain IDX images and labels")
    void readsPlain() throws IOException {
        ImageDataset data = IdxFiles.read(write("img", images(3, 28, 28)), write("lbl", labels(5, 0, 9)));
        assertEquals(3, data.size());
        assertArrayEquals(new int[] {5, 0, 9}, data.labels());
        assertEquals((byte) (785 * 7) & 0xff, Math.round(data.pixels()[785] * 255));
    }

    @Test
    @DisplayName("reads gzipped IDX (as Fashion-MNIST and the MNIST site ship them)")
    void readsGzip() throws IOException {
        ImageDataset data = IdxFiles.read(writeGzip("img.gz", images(2, 4, 5)), writeGzip("lbl.gz", labels(1, 2)));
        assertEquals(4, data.rows());
        assertEquals(5, data.cols());
        assertEquals(2, data.size());
    }

    @Test
    void missingFile() throws IOException {
        Path images = directory.resolve("absent-images");
        assertMessage(images + ": no such file", () -> IdxFiles.read(images, write("lbl", labels(1))));
    }

    @Test
    void emptyFile() throws IOException {
        Path images = write("empty", new byte[0]);
        assertMessage(images + ": byte offset 0: empty file, expected an IDX images file",
                () -> IdxFiles.read(images, write("lbl", labels(1))));
    }

    @Test
    void wrongMagic() throws IOException {
        Path images = write("img", labels(1, 2)); // a labels file where images are expected
        assertMessage(images + ": byte offset 0: bad IDX magic number 0x00000801, expected 0x00000803 (images: unsigned bytes, 3 dimensions)",
                () -> IdxFiles.read(images, write("lbl", labels(1, 2))));
    }

    @Test
    void truncated() throws IOException {
        byte[] full = images(3, 28, 28);
        Path images = write("img", Arrays.copyOf(full, full.length - 100));
        assertMessage(images + ": byte offset " + (full.length - 100) + ": file is truncated: the header declares [3×28×28] = 2352 bytes"
                        + " of images from offset 16, but the content ends after " + (full.length - 100) + " bytes",
                () -> IdxFiles.read(images, write("lbl", labels(1, 2, 3))));
    }

    @Test
    void truncatedHeader() throws IOException {
        Path labels = write("lbl", Arrays.copyOf(labels(1, 2), 6));
        assertMessage(labels + ": byte offset 6: file ends inside the IDX header, which needs 8 bytes",
                () -> IdxFiles.read(write("img", images(2, 28, 28)), labels));
    }

    @Test
    void corruptGzip() throws IOException {
        Path full = writeGzip("img.gz", images(50, 28, 28));
        byte[] bytes = Files.readAllBytes(full);
        for (int i = 40; i < 60; i++) {
            bytes[i] ^= 0x5a; // damage the deflate stream
        }
        Path images = write("img.gz", bytes);
        InputFileException error = assertThrows(InputFileException.class, () -> IdxFiles.read(images, write("lbl", labels(1))));
        assertTrue(error.getMessage().matches("\\Q" + images + "\\E: byte offset \\d+: corrupt gzip data after \\d+ decompressed bytes: .+"),
                error.getMessage());
    }

    @Test
    void countsDiffer() throws IOException {
        Path images = write("img", images(3, 28, 28));
        Path labels = write("lbl", labels(1, 2));
        assertMessage(labels + ": byte offset 4: holds 2 labels but " + images + " holds 3 images", () -> IdxFiles.read(images, labels));
    }

    @Test
    void labelOutOfRange() throws IOException {
        Path labels = write("lbl", labels(1, 12));
        assertMessage(labels + ": byte offset 9: label 12 is outside 0–9", () -> IdxFiles.read(write("img", images(2, 28, 28)), labels));
    }

    @Test
    void trailingBytes() throws IOException {
        byte[] full = images(1, 2, 2);
        Path images = write("img", Arrays.copyOf(full, full.length + 3));
        assertMessage(images + ": byte offset 20: unexpected bytes after the [1×2×2] images the header declares",
                () -> IdxFiles.read(images, write("lbl", labels(1))));
    }

    /** A small gzip file that expands far beyond what its header declares is not read to its end. */
    @Test
    void gzipThatExpandsBeyondItsHeaderIsNotReadToItsEnd() throws IOException {
        Path images = directory.resolve("bomb.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(images))) {
            out.write(images(1, 2, 2));
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 256; i++) {
                out.write(zeros); // 256 MiB after the declared 4 bytes, about 250 KiB compressed
            }
        }
        assertTrue(Files.size(images) < 1 << 20);
        assertMessage(images + ": byte offset 20: unexpected bytes after the [1×2×2] images the header declares",
                () -> IdxFiles.read(images, write("lbl", labels(1))));
    }

    /** Found by fuzzing: sizes whose product overflows a long once three are multiplied. */
    @Test
    void sizesBeyondWhatAnArrayHoldsAreRefusedAtTheirOffset() throws IOException {
        byte[] header = ByteBuffer.allocate(16).putInt(0x00000803).putInt(1000).putInt(100_000).putInt(100_000).array();
        Path images = write("img", header);
        assertMessage(images + ": byte offset 12: the header's sizes [1000×100000×100000] already exceed the 2147483631 bytes of "
                + "images polydl reads", () -> IdxFiles.read(images, write("lbl", labels(1))));
    }
}
