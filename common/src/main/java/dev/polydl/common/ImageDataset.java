package dev.polydl.common;

import java.util.Objects;
import java.util.stream.IntStream;

/**
 * Labelled grey-scale images, pixels already scaled once to float32 in [0, 1] (p / 255), stored
 * sample after sample in row-major order. The same arrays feed every framework.
 *
 * @param source where the data came from (a file name, or the embedded sample's name)
 * @param rows   image height
 * @param cols   image width
 * @param pixels {@code size × rows × cols} values in [0, 1]
 * @param labels class of each image, 0–9
 */
public record ImageDataset(String source, int rows, int cols, float[] pixels, int[] labels) {
    public static final int CLASSES = 10;

    public ImageDataset {
        Objects.requireNonNull(source, "source");
        if ((long) labels.length * rows * cols != pixels.length) {
            throw new IllegalArgumentException(source + ": " + pixels.length + " pixels for " + labels.length
                    + " images of " + rows + "×" + cols);
        }
    }

    /** Scales raw 0–255 pixels to [0, 1]; this is the only place where that happens. */
    public static ImageDataset fromBytes(String source, int rows, int cols, byte[] rawPixels, int[] labels) {
        float[] pixels = new float[rawPixels.length];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (rawPixels[i] & 0xff) / 255f;
        }
        return new ImageDataset(source, rows, cols, pixels, labels);
    }

    public int size() {
        return labels.length;
    }

    public int imageSize() {
        return rows * cols;
    }

    /** How many images of each class 0–9. */
    public int[] classCounts() {
        int[] counts = new int[CLASSES];
        for (int label : labels) {
            counts[label]++;
        }
        return counts;
    }

    /** The listed samples, in the listed order, as a new dataset. */
    public ImageDataset subset(int[] indices, String newSource) {
        return new ImageDataset(newSource, rows, cols, gatherPixels(indices), gatherLabels(indices));
    }

    /**
     * The samples of classes {@code from} to {@code to} (inclusive), in file order, relabelled from 0: classes
     * 5–9 become 0–4. How a transfer task makes a new problem out of one dataset.
     */
    public ImageDataset classes(int from, int to) {
        if (from < 0 || to >= CLASSES || from > to) {
            throw new IllegalArgumentException("classes " + from + "–" + to + " do not lie within 0–" + (CLASSES - 1));
        }
        int[] indices = IntStream.range(0, size()).filter(i -> labels[i] >= from && labels[i] <= to).toArray();
        int[] relabelled = gatherLabels(indices);
        for (int i = 0; i < relabelled.length; i++) {
            relabelled[i] -= from;
        }
        return new ImageDataset(source + " [classes " + from + "–" + to + (from == 0 ? "" : " as 0–" + (to - from)) + "]",
                rows, cols, gatherPixels(indices), relabelled);
    }

    /** The listed samples as a classification batch. */
    public Batch batch(int[] indices) {
        return Batch.classification(gatherPixels(indices), gatherLabels(indices));
    }

    /** Samples {@code from} (inclusive) to {@code to} (exclusive) as a batch. */
    public Batch batch(int from, int to) {
        int[] indices = new int[to - from];
        for (int i = 0; i < indices.length; i++) {
            indices[i] = from + i;
        }
        return batch(indices);
    }

    private float[] gatherPixels(int[] indices) {
        int imageSize = imageSize();
        float[] out = new float[indices.length * imageSize];
        for (int i = 0; i < indices.length; i++) {
            System.arraycopy(pixels, indices[i] * imageSize, out, i * imageSize, imageSize);
        }
        return out;
    }

    private int[] gatherLabels(int[] indices) {
        int[] out = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            out[i] = labels[indices[i]];
        }
        return out;
    }
}
