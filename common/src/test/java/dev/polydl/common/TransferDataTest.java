package dev.polydl.common;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class TransferDataTest {
    @Test
    @DisplayName("digits 0–4 are the source, 5–9 the target relabelled 0–4, each keeping its own samples of the split")
    void splitByClass() {
        TrainTestSplit split = EmbeddedMnist.split(42);
        TransferData data = TransferData.byClass(split);
        int[] trainCounts = split.train().classCounts();
        assertArrayEquals(Arrays.copyOfRange(trainCounts, 0, 5), Arrays.copyOf(data.source().train().classCounts(), 5));
        assertArrayEquals(Arrays.copyOfRange(trainCounts, 5, 10), Arrays.copyOf(data.target().train().classCounts(), 5));
        assertEquals(split.train().size(), data.source().train().size() + data.target().train().size());
        assertEquals(split.test().size(), data.source().test().size() + data.target().test().size());
        assertEquals(0, Arrays.stream(data.target().test().labels()).filter(label -> label > 4).count());
        // the first target image is the first digit ≥ 5 of the split, pixel for pixel
        int first = 0;
        while (split.train().labels()[first] < 5) {
            first++;
        }
        assertArrayEquals(split.train().batch(first, first + 1).inputs(), data.target().train().batch(0, 1).inputs());
        assertEquals(split.train().labels()[first] - 5, data.target().train().labels()[0]);
        assertThrows(IllegalArgumentException.class, () -> split.train().classes(5, 10));
    }

    @Test
    @DisplayName("a transfer starts from the pretrained features and a freshly initialised head")
    void transferredParameters() {
        ModelSpec spec = ModelSpec.TRANSFER;
        Parameters pretrained = Parameters.glorotUniform(spec, 3);
        Parameters start = Parameters.transferred(spec, pretrained, 7);
        Parameters fresh = Parameters.initial(spec, 7);
        for (ParameterSpec parameter : spec.parameters()) {
            Parameters expected = spec.isFrozen(parameter.name()) ? pretrained : fresh;
            assertEquals(expected.get(parameter.name()), start.get(parameter.name()), parameter.name());
        }
    }
}
