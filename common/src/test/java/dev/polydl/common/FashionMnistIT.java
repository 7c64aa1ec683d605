package dev.polydl.common;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The IDX reader on the real, gzipped Fashion-MNIST files of Debian's dataset-fashion-mnist package. */
class FashionMnistIT {
    private static final Path DIRECTORY = Path.of("/usr/share/datasets/fashion-mnist");

    @Test
    @DisplayName("reads the full Fashion-MNIST: 60 000 train and 10 000 test images, 28×28, balanced classes")
    void readsFashionMnist() {
        Path trainImages = DIRECTORY.resolve("train-images-idx3-ubyte.gz");
        Assumptions.assumeTrue(Files.isRegularFile(trainImages),
                "Fashion-MNIST is not installed here (apt-get install dataset-fashion-mnist)");
        ImageDataset train = IdxFiles.read(trainImages, DIRECTORY.resolve("train-labels-idx1-ubyte.gz"));
        ImageDataset test = IdxFiles.read(DIRECTORY.resolve("t10k-images-idx3-ubyte.gz"), DIRECTORY.resolve("t10k-labels-idx1-ubyte.gz"));
        assertEquals(60_000, train.size());
        assertEquals(10_000, test.size());
        assertEquals(28, train.rows());
        int[] sixThousand = new int[10];
        Arrays.fill(sixThousand, 6_000);
        assertArrayEquals(sixThousand, train.classCounts());
        int[] thousand = new int[10];
        Arrays.fill(thousand, 1_000);
        assertArrayEquals(thousand, test.classCounts());
    }
}
