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
    /** The most a Java array holds, less one byte for telling whether more follows. */
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
            classes[i] = labels.data[i] & 0xff;
            if (classes[i] >= ImageDataset.CLASSES) {
                throw new InputFileException(labelsFile, InputFileException.offset(labels.dataOffset + i),
                        "label " + classes[i] + " is outside 0–9");
            }
        }
        return ImageDataset.fromBytes(imagesFile.toString(), images.dims[1], images.dims[2], images.data, classes);
    }

    /** The data after the header, exactly as long as the header declares; {@code dataOffset} is where it starts in the file. */
    private record Contents(byte[] data, int[] dims, int dataOffset) {
    }

    private static Contents readContents(Path file, int expectedDims, String what) {
        int headerLength = 4 + 4 * expectedDims;
        try (InputStream in = DataFiles.open(file)) {
            // Read no more than the header declares (and one byte to tell whether more follows): a small gzipped
            // file can expand to any size, and the header's sizes are checked before anything is allocated for them.
            byte[] header = readAtMost(in, file, headerLength, 0);
            if (header.length == 0) {
                throw new InputFileException(file, InputFileException.offset(0), "empty file, expected an IDX " + what + " file");
            }
            int expectedMagic = UNSIGNED_BYTE << 8 | expectedDims;
            if (header.length < 4) {
                throw new InputFileException(file, InputFileException.offset(header.length), "file ends inside the IDX magic number");
            }
            int magic = ByteBuffer.wrap(header).getInt(0);
            if (magic != expectedMagic) {
                throw new InputFileException(file, InputFileException.offset(0), String.format(Locale.ROOT,
                        "bad IDX magic number 0x%08x, expected 0x%08x (%s: unsigned bytes, %d dimension%s)",
                        magic, expectedMagic, what, expectedDims, expectedDims == 1 ? "" : "s"));
            }
            if (header.length < headerLength) {
                throw new InputFileException(file, InputFileException.offset(header.length), "file ends inside the IDX header, which "
                        + "needs " + headerLength + " bytes");
            }
            int[] dims = new int[expectedDims];
            long dataLength = 1;
            for (int d = 0; d < expectedDims; d++) {
                dims[d] = ByteBuffer.wrap(header).getInt(4 + 4 * d);
                if (dims[d] < 0 || (d > 0 && dims[d] == 0)) {
                    throw new InputFileException(file, InputFileException.offset(4 + 4 * d), "dimension " + d + " is " + dims[d]);
                }
                dataLength *= dims[d];
                // Checked per dimension: three 31-bit sizes multiplied can overflow even a long (a fuzzing finding).
                if (headerLength + dataLength > MAX_BYTES) {
                    throw new InputFileException(file, InputFileException.offset(4 + 4 * d), "the header's sizes "
                            + Shapes.format(Arrays.copyOf(dims, d + 1)) + " already exceed the " + MAX_BYTES + " bytes of " + what
                            + " polydl reads");
                }
            }
            byte[] data = readAtMost(in, file, (int) (dataLength + 1), headerLength);
            long contentLength = headerLength + (long) data.length;
            if (dataLength > data.length) {
                throw new InputFileException(file, InputFileException.offset(contentLength), "file is truncated: the header declares "
                        + Shapes.format(dims) + " = " + dataLength + " bytes of " + what + " from offset " + headerLength
                        + ", but the content ends after " + contentLength + " bytes");
            }
            if (dataLength < data.length) {
                throw new InputFileException(file, InputFileException.offset(headerLength + dataLength), "unexpected bytes after the "
                        + Shapes.format(dims) + " " + what + " the header declares");
            }
            return new Contents(data, dims, headerLength);
        } catch (IOException e) {
            throw new InputFileException(file, null, "cannot close: " + e.getMessage(), e);
        }
    }

    /**
     * The next {@code limit} bytes of the (decompressed) content, or all that is left if fewer; {@code offset} is
     * how much of the content was read before, for messages.
     */
    private static byte[] readAtMost(InputStream in, Path file, int limit, long offset) {
        long read = 0;
        try {
            // Read in chunks so that a corrupt gzip stream can be reported at the offset where it broke.
            byte[] buffer = new byte[Math.min(limit, 1 << 20)];
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int n;
            while (read < limit && (n = in.read(buffer, 0, (int) Math.min(buffer.length, limit - read))) > 0) {
                out.write(buffer, 0, n);
                read += n;
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new InputFileException(file, InputFileException.offset(offset + read),
                    "corrupt gzip data after " + (offset + read) + " decompressed bytes: " + e.getMessage(), e);
        }
    }
}
