package dev.polydl.dl4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.polydl.common.Batch;
import dev.polydl.common.Device;
import dev.polydl.common.ModelSpec;
import dev.polydl.common.Optimizer;
import dev.polydl.common.Parameters;
import dev.polydl.common.SessionConfig;
import dev.polydl.common.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.deeplearning4j.nn.api.Updater;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The updater handed the network's own gradient array: DL4J's standard path every step, and the same numbers. */
class GradientViewUpdaterTest {
    private static final int STEPS = 3;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"fcn", "cnn", "transfer"})
    @DisplayName("every fit step takes DL4J's standard updater path, and the weights match its external path's bit for bit")
    void standardPathSameNumbers(String model) throws Exception {
        ModelSpec spec = ModelSpec.canonical().stream().filter(s -> s.name().equals(model)).findFirst().orElseThrow();
        SessionConfig config = new SessionConfig(spec, Device.CPU, Optimizer.Adam.defaults(), 1,
                Integer.parseInt(System.getenv("OMP_NUM_THREADS")));
        List<Batch> batches = randomBatches(spec);

        Parameters standard;
        try (Dl4jSession session = (Dl4jSession) new Dl4jFramework().open(config)) {
            batches.forEach(session::trainStep);
            GradientViewUpdater updater = assertInstanceOf(GradientViewUpdater.class, session.network().getUpdater());
            assertEquals(STEPS, updater.stepsOnView(), "steps given the network's own gradient array");
            standard = session.getParameters();
        }

        Parameters external;
        System.setProperty(Dl4jFramework.UPDATER_ON_GRADIENT_VIEW, "false");
        try (Dl4jSession session = (Dl4jSession) new Dl4jFramework().open(config)) {
            batches.forEach(session::trainStep);
            Updater updater = session.network().getUpdater();
            assertFalse(updater instanceof GradientViewUpdater, "out of the box DL4J creates its own updater: " + updater);
            external = session.getParameters();
        } finally {
            System.clearProperty(Dl4jFramework.UPDATER_ON_GRADIENT_VIEW);
        }

        assertEquals(external.tensors().keySet(), standard.tensors().keySet());
        for (Map.Entry<String, Tensor> entry : external.tensors().entrySet()) {
            assertArrayEquals(entry.getValue().data(), standard.get(entry.getKey()).data(), 0f, entry.getKey());
        }
        Parameters initial = Parameters.initial(spec, config.seed());
        assertFalse(external.tensors().entrySet().stream().allMatch(e -> Arrays.equals(e.getValue().data(), initial.get(e.getKey()).data())),
                "training must have moved the weights");
    }

    private static List<Batch> randomBatches(ModelSpec spec) {
        Random random = new Random(7);
        int inputs = 1;
        for (int dimension : spec.inputShape()) {
            inputs *= dimension;
        }
        List<Batch> batches = new ArrayList<>();
        for (int b = 0; b < STEPS; b++) {
            int size = 8;
            float[] pixels = new float[size * inputs];
            for (int i = 0; i < pixels.length; i++) {
                pixels[i] = random.nextFloat();
            }
            int[] labels = random.ints(size, 0, spec.outputSize()).toArray();
            batches.add(Batch.classification(pixels, labels));
        }
        return batches;
    }
}
