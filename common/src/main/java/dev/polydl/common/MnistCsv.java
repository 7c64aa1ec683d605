package dev.polydl.common;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The de-facto standard MNIST CSV: one image per line, the label 0–9 then 784 integer pixels 0–255,
 * optionally gzipped, with an optional header line (a first line in which no cell is a number).
 * Every problem is reported with the file and line and stops the read: a silently skipped row would
 * change the data that the frameworks are compared on.
 */
public final class MnistCsv {
    public static final int ROWS = 28;
    public static final int COLS = 28;
    private static final int PIXELS = ROWS * COLS;

    // Empty lines are kept as records so that record numbers are line numbers (no MNIST field spans lines).
    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder().setIgnoreEmptyLines(false).setTrim(true).get();

    private MnistCsv() {
    }

    /** Reads a CSV file, plain or gzipped. */
    public static ImageDataset read(Path file) {
        try (InputStream in = DataFiles.open(file)) {
            return read(in, file);
        } catch (IOException e) {
            throw new InputFileException(file, null, "cannot read: " + e.getMessage(), e);
        }
    }

    /** Reads CSV from a stream (already gunzipped); {@code name} is used in messages and as the source. */
    public static ImageDataset read(InputStream in, Path name) {
        byte[] pixels = new byte[PIXELS * 1024];
        int[] labels = new int[1024];
        int count = 0;
        long line = 0;
        try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8);
             CSVParser parser = CSVParser.builder().setReader(reader).setFormat(FORMAT).get()) {
            Iterator<CSVRecord> records = parser.iterator();
            while (records.hasNext()) {
                CSVRecord record = records.next();
                line = record.getRecordNumber();
                if (line == 1 && isHeader(record)) {
                    continue;
                }
                if (record.size() != PIXELS + 1) {
                    throw new InputFileException(name, InputFileException.line(line), "expected " + (PIXELS + 1)
                            + " columns (label and " + PIXELS + " pixels), found " + record.size());
                }
                if (count == labels.length) {
                    labels = Arrays.copyOf(labels, count * 2);
                    pixels = Arrays.copyOf(pixels, count * 2 * PIXELS);
                }
                int label = parseCell(record, 0, name, line);
                if (label < 0 || label >= ImageDataset.CLASSES) {
                    throw new InputFileException(name, InputFileException.line(line), "label " + label + " is outside 0–9");
                }
                labels[count] = label;
                for (int column = 1; column <= PIXELS; column++) {
                    int pixel = parseCell(record, column, name, line);
                    if (pixel < 0 || pixel > 255) {
                        throw new InputFileException(name, InputFileException.line(line), "pixel " + column + " (column "
                                + (column + 1) + ") is " + pixel + ", outside 0–255");
                    }
                    pixels[count * PIXELS + column - 1] = (byte) pixel;
                }
                count++;
            }
        } catch (UncheckedIOException | IOException e) {
            Throwable cause = e instanceof UncheckedIOException unchecked ? unchecked.getCause() : e;
            throw new InputFileException(name, InputFileException.line(line + 1),
                    "cannot read (corrupt gzip data?): " + cause.getMessage(), e);
        }
        if (count == 0) {
            throw new InputFileException(name, InputFileException.line(line + 1),
                    line == 0 ? "empty file, no images" : "no image rows after the header");
        }
        return ImageDataset.fromBytes(name.toString(), ROWS, COLS, Arrays.copyOf(pixels, count * PIXELS),
                Arrays.copyOf(labels, count));
    }

    private static boolean isHeader(CSVRecord record) {
        boolean anyText = false;
        for (String cell : record) {
            if (isNumber(cell)) {
                return false;
            }
            anyText |= !cell.isEmpty();
        }
        return anyText;
    }

    private static boolean isNumber(String cell) {
        try {
            Double.parseDouble(cell);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static int parseCell(CSVRecord record, int column, Path name, long line) {
        String cell = record.get(column);
        try {
            return Integer.parseInt(cell);
        } catch (NumberFormatException e) {
            String what = column == 0 ? "the label" : "pixel " + column;
            throw new InputFileException(name, InputFileException.line(line), "column " + (column + 1) + " (" + what
                    + ") is '" + cell + "', not an integer");
        }
    }
}
