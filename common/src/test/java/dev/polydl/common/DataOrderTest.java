package dev.polydl.common;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Seeded splits, shuffles and argsort data: the same order for every framework. */
class DataOrderTest {
    private static ImageDataset tiny(int n) {
        byte[] pixels = new byte[n * 4];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 10;
            pixels[i * 4] = (byte) i;
        }
        return ImageDataset.fromBytes("tiny", 2, 2, pixels, labels);
    }

    @Test
    @DisplayName("each epoch is a seeded permutation: all samples once, the same for the same seed, new per epoch")
    void epochs() {
        MiniBatches batches = new MiniBatches(tiny(103), 10, 5);
        assertEquals(11, batches.batchesPerEpoch());
        int[] order = batches.order(0);
        int[] sorted = order.clone();
        Arrays.sort(sorted);
        for (int i = 0; i < sorted.length; i++) {
            assertEquals(i, sorted[i]);
        }
        assertArrayEquals(order, new MiniBatches(tiny(103), 10, 5).order(0));
        assertFalse(Arrays.equals(order, batches.order(1)), "epochs reshuffle");
        assertFalse(Arrays.equals(order, new MiniBatches(tiny(103), 10, 6).order(0)), "seeds differ");

        List<Batch> epoch = new ArrayList<>();
        batches.epoch(0).forEach(epoch::add);
        assertEquals(11, epoch.size());
        assertEquals(3, epoch.get(10).size(), "the last batch holds the remainder");
        assertEquals(order[0] % 10, epoch.get(0).labels()[0]);
        assertEquals((order[0] & 0xff) / 255f, epoch.get(0).inputs()[0]);
    }

    @Test
    @DisplayName("a stratified split keeps class proportions and its exact size even when shares are fractional")
    void stratified() {
        TrainTestSplit split = TrainTestSplit.of(tiny(105), 21, 9);
        assertEquals(21, split.test().size());
        assertEquals(84, split.train().size());
        for (int count : split.test().classCounts()) {
            assertTrue(count == 2 || count == 3, "per-class test share " + count);
        }
    }

    @Test
    @DisplayName("argsort data: targets are the indices that sort each array ascending")
    void argsortTargets() {
        Batch batch = ArgsortData.generate(4, 50, 3);
        for (int s = 0; s < 50; s++) {
            float previous = -1;
            for (int k = 0; k < 4; k++) {
                float value = batch.inputs()[s * 4 + (int) batch.targets()[s * 4 + k]];
                assertTrue(value >= previous, "sample " + s + " not sorted by its targets");
                previous = value;
            }
        }
        assertArrayEquals(batch.inputs(), ArgsortData.generate(4, 50, 3).inputs());
    }

    @Test
    @DisplayName("argsort score: percentage of rounded outputs equal to the target index")
    void argsortScore() {
        float[] targets = {0, 1, 1, 0};
        assertEquals(100.0, ArgsortData.score(new float[] {0.2f, 0.9f, 1.4f, -0.4f}, targets));
        assertEquals(50.0, ArgsortData.score(new float[] {0.6f, 0.9f, 1.6f, -0.4f}, targets));
    }

    @Test
    @DisplayName("channels-last arrangement moves channels innermost and back")
    void inputLayouts() {
        // One sample, 2 channels of 1×3: channel 0 = 1,2,3; channel 1 = 4,5,6.
        Batch canonical = Batch.classification(new float[] {1, 2, 3, 4, 5, 6}, new int[] {0});
        int[] shape = {2, 1, 3};
        Batch nhwc = InputLayout.CHANNELS_LAST.arrange(canonical, shape);
        assertArrayEquals(new float[] {1, 4, 2, 5, 3, 6}, nhwc.inputs());
        assertArrayEquals(canonical.inputs(), InputLayout.CHANNELS_LAST.canonical(nhwc, shape).inputs());
        assertArrayEquals(canonical.inputs(), InputLayout.CHANNELS_FIRST.arrange(canonical, shape).inputs());
        // Flattened, element c·H·W + p lands at p·C + c: the same move as the arranged inputs above.
        for (int i = 0; i < 6; i++) {
            assertEquals(canonical.inputs()[i], nhwc.inputs()[InputLayout.CHANNELS_LAST.flattenedIndex(i, 2, 1, 3)]);
            assertEquals(i, InputLayout.CHANNELS_FIRST.flattenedIndex(i, 2, 1, 3));
        }
        // a dense weight after the flatten: its columns follow the same rule, and back again
        float[] weight = new float[2 * 6];
        for (int i = 0; i < weight.length; i++) {
            weight[i] = i;
        }
        float[] moved = InputLayout.CHANNELS_LAST.permuteFlattenedColumns(weight, 6, new int[] {2, 1, 3}, true);
        for (int row = 0; row < 2; row++) {
            for (int column = 0; column < 6; column++) {
                assertEquals(weight[row * 6 + column], moved[row * 6 + InputLayout.CHANNELS_LAST.flattenedIndex(column, 2, 1, 3)]);
            }
        }
        assertArrayEquals(weight, InputLayout.CHANNELS_LAST.permuteFlattenedColumns(moved, 6, new int[] {2, 1, 3}, false));
    }

    @Test
    @DisplayName("metrics: accuracy and cross-entropy from logits")
    void metrics() {
        float[] logits = {2, 0, 0, 0, 5, 1};
        int[] labels = {0, 2};
        assertEquals(0.5, Metrics.accuracy(logits, labels));
        double expected = (-Math.log(Math.exp(2) / (Math.exp(2) + 2)) - Math.log(Math.exp(1) / (1 + Math.exp(5) + Math.exp(1)))) / 2;
        assertEquals(expected, Metrics.softmaxCrossEntropy(logits, labels), 1e-12);
        assertEquals(1e9, Metrics.softmaxCrossEntropy(new float[] {1e9f, 0}, new int[] {1}), 1e3, "stable for large logits");
    }
}
