package dev.polydl.pytorch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.pytorch.jni.JniUtils;
import dev.polydl.common.Device;
import dev.polydl.common.ModelSpec;
import dev.polydl.common.Optimizer;
import dev.polydl.common.SessionConfig;
import dev.polydl.common.TrainingSession;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PtThreadsIT {
    private static final int THREADS = Integer.getInteger("polydl.threads", 2);

    @Test
    @DisplayName("libtorch runs with the session's intra-op thread count and one inter-op thread; another count is refused")
    void threadCountsTakeEffect() {
        PtFramework framework = new PtFramework();
        try (TrainingSession session = framework.open(new SessionConfig(ModelSpec.ARGSORT, Device.CPU, new Optimizer.Sgd(0.5), 1, THREADS))) {
            assertEquals(THREADS, JniUtils.getNumThreads());
            assertEquals(1, JniUtils.getNumInteropThreads());
        }
        assertThrows(IllegalStateException.class, () -> framework.open(
                new SessionConfig(ModelSpec.ARGSORT, Device.CPU, new Optimizer.Sgd(0.5), 1, THREADS + 1)));
    }
}
