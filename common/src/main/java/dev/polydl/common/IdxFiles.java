package dev.polydl.common;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * The original MNIST / Fashion-MNIST IDX files, plain or gzipped: a big-endian header (two zero
 * bytes, the type code 0x08 for unsigned bytes, the number of dimensions, then one 32-bit size per
 * dimension) followed by the data. Offsets in messages count bytes of the (decompressed) content.
 */
public final class IdxFiles {
    private static final int UNSIGNED_BYTE = 0x08;
    private static final int MAX_BYTES = Integer.MAX_VALUE - 16;

    private IdxFiles() {
    }

    /** Reads an images file and its labels file into one dataset; their counts must agree. */
    public static ImageDataset read(Path imagesFile, Path labelsFile) {
        Contents images = readContents(imagesFile, 3, "images");
        Contents labels = readContents(labelsFile, 1, "labels");
        if (images.dims[0] != labels.dims[0]) {
            throw new InputFileException(labelsFile, InputFileException.offset(4), "holds " + labels.dims[0]
                    + " labels but " + imagesFile + " holds " + images.dims[0] + " images");
        }
        int[] classes = new int[labels.dims[0]];
        for (int i = 0; i < classes.length; i++) {
            classes[i] = labels.bytes[labels.dataOffset + i] & 0xff;
            if (classes[i] >= ImageDataset.CLASSES) {
                throw new InputFileException(labelsFile, InputFileException.offset(labels.dataOffset + i),
                        "label " + classes[i] + " is outside 0–9");
            }
        }
        byte[] pixels = Arrays.copyOfRange(images.bytes, images.dataOffset, images.dataOffset + images.dataLength);
        return ImageDataset.fromBytes(imagesFile.toString(), images.dims[1], images.dims[2], pixels, classes);
    }

    private record Contents(byte[] bytes, int[] dims, int dataOffset, int dataLength) {
    }

    private static Contents readContents(Path file, int expectedDims, String what) {
        byte[] bytes = readAll(file);
        if (bytes.length == 0) {
            throw new InputFileException(file, InputFileException.offset(0), "empty file, expected an IDX " + what + " file");
        }
        int expectedMagic = UNSIGNED_BYTE << 8 | expectedDims;
        if (bytes.length < 4) {
            throw new InputFileException(file, InputFileException.offset(bytes.length), "file ends inside the IDX magic number");
        }
        int magic = ByteBuffer.wrap(bytes).getInt(0);
        if (magic != expectedMagic) {
            throw new InputFileException(file, InputFileException.offset(0), String.format(Locale.ROOT,
                    "bad IDX magic number 0x%08x, expected 0x%08x (%s: unsigned bytes, %d dimension%s)",
                    magic, expectedMagic, what, expectedDims, expectedDims == 1 ? "" : "s"));
        }
        int headerLength = 4 + 4 * expectedDims;
        if (bytes.length < headerLength) {
            throw new InputFileException(file, InputFileException.offset(bytes.length), "file ends inside the IDX header, which needs "
                    + headerLength + " bytes");
        }
        int[] dims = new int[expectedDims];
        long dataLength = 1;
        for (int d = 0; d < expectedDims; d++) {
            dims[d] = ByteBuffer.wrap(bytes).getInt(4 + 4 * d);
            if (dims[d] < 0 || (d > 0 && dims[d] == 0)) {
                throw new InputFileException(file, InputFileException.offset(4 + 4 * d), "dimension " + d + " is " + dims[d]);
            }
            dataLength *= dims[d];
        }
        if (dataLength > MAX_BYTES || headerLength + dataLength > bytes.length) {
            throw new InputFileException(file, InputFileException.offset(bytes.length), "file is truncated: the header declares "
                    + Shapes.format(dims) + " = " + dataLength + " bytes of " + what + " from offset " + headerLength
                    + ", but the content ends after " + bytes.length + " bytes");
        }
        if (headerLength + dataLength < bytes.length) {
            throw new InputFileException(file, InputFileException.offset(headerLength + dataLength), (bytes.length - headerLength - dataLength)
                    + " unexpected bytes after the " + Shapes.format(dims) + " " + what + " the header declares");
        }
        return new Contents(bytes, dims, headerLength, (int) dataLength);
    }

    private static byte[] readAll(Path file) {
        long read = 0;
        try (InputStream in = DataFiles.open(file)) {
            // Read in chunks so that a corrupt gzip stream can be reported at the offset where it broke.
            byte[] buffer = new byte[1 << 20];
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int n;
            while ((n = in.read(buffer)) > 0) {
                out.write(buffer, 0, n);
                read += n;
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new InputFileException(file, InputFileException.offset(read),
                    "corrupt gzip data after " + read + " decompressed bytes: " + e.getMessage(), e);
        }
    }
}
