package dev.polydl.mxnet;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.polydl.common.Device;
import dev.polydl.common.ModelSpec;
import dev.polydl.common.Optimizer;
import dev.polydl.common.SessionConfig;
import dev.polydl.djl.DjlFramework;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** What the MXNet provider says without loading MXNet. */
class MxFrameworkTest {
    @Test
    @DisplayName("refuses a thread count that differs from OMP_NUM_THREADS, which MXNet reads at load")
    void threadsMustMatchTheEnvironment() {
        int omp = Integer.parseInt(System.getenv("OMP_NUM_THREADS")); // set by the build for every test JVM
        IllegalStateException error = assertThrows(IllegalStateException.class, () -> new MxFramework().open(
                new SessionConfig(ModelSpec.ARGSORT, Device.CPU, new Optimizer.Sgd(0.5), 1, omp + 1)));
        assertTrue(error.getMessage().contains("OMP_NUM_THREADS=" + (omp + 1)), error.getMessage());
    }

    @Test
    @DisplayName("names the denormal-flush property when its value is not a whole number of steps")
    void malformedFlushStepsAreNamed() {
        int omp = Integer.parseInt(System.getenv("OMP_NUM_THREADS"));
        for (String value : new String[] {"often", "-1", "1.5"}) {
            System.setProperty(DjlFramework.DENORMAL_FLUSH_STEPS, value);
            try {
                IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> new MxFramework().open(
                        new SessionConfig(ModelSpec.ARGSORT, Device.CPU, new Optimizer.Sgd(0.5), 1, omp)));
                assertTrue(error.getMessage().contains(DjlFramework.DENORMAL_FLUSH_STEPS) && error.getMessage().contains("\"" + value + "\""),
                        error.getMessage());
            } finally {
                System.clearProperty(DjlFramework.DENORMAL_FLUSH_STEPS);
            }
        }
    }

    @Test
    @DisplayName("reports the versions it was built with and why it has no GPU")
    void describesItself() {
        MxFramework framework = new MxFramework();
        // Filled in from the parent pom at build time, not left as ${...} placeholders.
        assertTrue(framework.frameworkVersion().matches("DJL \\d+\\.\\d+\\.\\d+"), framework.frameworkVersion());
        assertTrue(framework.nativeVersion().matches("MXNet \\d+\\.\\d+\\.\\d+ \\(mkl\\)"), framework.nativeVersion());
        assertFalse(framework.support(Device.GPU).usable());
        assertTrue(framework.support(Device.GPU).reason().contains("no CUDA build of MXNet"));
    }
}
