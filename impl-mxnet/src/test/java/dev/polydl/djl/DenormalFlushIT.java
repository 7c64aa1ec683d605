package dev.polydl.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.polydl.common.Device;
import dev.polydl.common.ModelSpec;
import dev.polydl.common.Optimizer;
import dev.polydl.common.SessionConfig;
import dev.polydl.common.TrainingSession;
import dev.polydl.mxnet.MxFramework;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Adam's denormal flush on MXNet, the engine whose settings turn it on (here because the flush is package-private). */
class DenormalFlushIT {
    @BeforeAll
    static void loadMxNetAsTheProviderDoes() {
        int threads = Integer.parseInt(System.getenv("OMP_NUM_THREADS"));
        try (TrainingSession session = new MxFramework().open(new SessionConfig(ModelSpec.ARGSORT, Device.CPU, new Optimizer.Sgd(0.5), 1, threads))) {
            assertEquals(ModelSpec.ARGSORT, session.config().model());
        }
    }

    @Test
    @DisplayName("MXNet sessions clear Adam's moments of denormals every 100 steps unless told otherwise")
    void onForMxNet() {
        assertEquals(100, DjlFramework.denormalFlushSteps());
    }

    @Test
    @DisplayName("the flush zeroes denormals of either sign and leaves every other value bit-identical")
    void flushZeroesDenormalsOnly() {
        float[] values = {1e-3f, 3 * Float.MIN_VALUE, -7 * Float.MIN_VALUE, Float.MIN_NORMAL, -Float.MIN_NORMAL,
                Math.nextDown(Float.MIN_NORMAL), 0f, -2.5f, Float.MAX_VALUE, 1.1754944e-38f * 1.5f};
        float[] expected = {1e-3f, 0f, 0f, Float.MIN_NORMAL, -Float.MIN_NORMAL, 0f, 0f, -2.5f, Float.MAX_VALUE, 1.1754944e-38f * 1.5f};
        try (NDManager manager = Engine.getEngine("MXNet").newBaseManager(); NDArray array = manager.create(values)) {
            DjlAdam.flushDenormals(array);
            float[] flushed = array.toFloatArray();
            for (int i = 0; i < values.length; i++) {
                String what = "value " + i + " (" + values[i] + ") became " + flushed[i];
                if (expected[i] == 0f) {
                    assertEquals(0f, Math.abs(flushed[i]), what); // a negative denormal times zero is -0
                } else {
                    assertEquals(Float.floatToIntBits(expected[i]), Float.floatToIntBits(flushed[i]), what);
                }
            }
        }
    }
}
