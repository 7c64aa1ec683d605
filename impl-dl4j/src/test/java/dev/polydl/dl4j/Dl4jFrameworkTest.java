package dev.polydl.dl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.polydl.common.Device;
import dev.polydl.common.DeviceSupport;
import dev.polydl.common.ModelSpec;
import dev.polydl.common.Optimizer;
import dev.polydl.common.SessionConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** What the DL4J provider says and refuses before ND4J loads, and the BLAS thread count it gives a training session. */
class Dl4jFrameworkTest {
    @Test
    @DisplayName("refuses a thread count that differs from OMP_NUM_THREADS, which ND4J reads at load")
    void threadsMustMatchTheEnvironment() {
        int omp = Integer.parseInt(System.getenv("OMP_NUM_THREADS")); // set by the build for every test JVM
        IllegalStateException error = assertThrows(IllegalStateException.class, () -> new Dl4jFramework().open(
                new SessionConfig(ModelSpec.ARGSORT, Device.CPU, new Optimizer.Sgd(0.5), 1, omp + 1)));
        assertTrue(error.getMessage().contains("OMP_NUM_THREADS=" + (omp + 1)), error.getMessage());
    }

    @Test
    @DisplayName("trains with one BLAS thread; the ladder's empty value gives ND4J's own count, a malformed one is refused by name")
    void blasThreadsInTraining() {
        int omp = Integer.parseInt(System.getenv("OMP_NUM_THREADS"));
        SessionConfig fcn = new SessionConfig(ModelSpec.FCN, Device.CPU, Optimizer.Adam.defaults(), 1, omp);
        try {
            new Dl4jFramework().open(fcn).close();
            assertEquals(1, Nd4j.factory().blas().getMaxThreads());
            System.setProperty(Dl4jFramework.BLAS_THREADS, "");
            new Dl4jFramework().open(fcn).close();
            assertEquals(omp, Nd4j.factory().blas().getMaxThreads());
            System.setProperty(Dl4jFramework.BLAS_THREADS, "one");
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> new Dl4jFramework().open(fcn));
            assertTrue(error.getMessage().startsWith(Dl4jFramework.BLAS_THREADS), error.getMessage());
        } finally {
            System.clearProperty(Dl4jFramework.BLAS_THREADS);
        }
    }

    @Test
    @DisplayName("canonical Adam clears its moments of denormals every 100 steps unless told otherwise; a malformed count is refused by name")
    void denormalFlushSteps() {
        int omp = Integer.parseInt(System.getenv("OMP_NUM_THREADS"));
        SessionConfig fcn = new SessionConfig(ModelSpec.FCN, Device.CPU, Optimizer.Adam.defaults(), 1, omp);
        try {
            new Dl4jFramework().open(fcn).close();
            assertEquals(100, Dl4jFramework.denormalFlushSteps());
            System.setProperty(Dl4jFramework.DENORMAL_FLUSH_STEPS, "-1");
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> new Dl4jFramework().open(fcn));
            assertTrue(error.getMessage().startsWith(Dl4jFramework.DENORMAL_FLUSH_STEPS) && error.getMessage().contains("\"-1\""),
                    error.getMessage());
        } finally {
            System.clearProperty(Dl4jFramework.DENORMAL_FLUSH_STEPS);
        }
    }

    @Test
    @DisplayName("the flush zeroes denormals of either sign and leaves every other value bit-identical")
    void flushZeroesDenormalsOnly() {
        new Dl4jFramework().open(new SessionConfig(ModelSpec.ARGSORT, Device.CPU, new Optimizer.Sgd(0.5), 1,
                Integer.parseInt(System.getenv("OMP_NUM_THREADS")))).close(); // loads ND4J as the provider does
        float[] values = {1e-3f, 3 * Float.MIN_VALUE, -7 * Float.MIN_VALUE, Float.MIN_NORMAL, -Float.MIN_NORMAL,
                Math.nextDown(Float.MIN_NORMAL), 0f, -2.5f, Float.MAX_VALUE, Float.MIN_NORMAL * 1.5f};
        float[] expected = {1e-3f, 0f, 0f, Float.MIN_NORMAL, -Float.MIN_NORMAL, 0f, 0f, -2.5f, Float.MAX_VALUE, Float.MIN_NORMAL * 1.5f};
        INDArray state = Nd4j.create(new float[2 * values.length]);
        INDArray secondHalf = state.get(NDArrayIndex.interval(values.length, 2 * values.length)); // a view, as the moments are
        secondHalf.assign(Nd4j.create(values));
        Dl4jAdam.flushDenormals(secondHalf);
        float[] flushed = secondHalf.toFloatVector();
        for (int i = 0; i < values.length; i++) {
            assertEquals(Float.floatToIntBits(expected[i]), Float.floatToIntBits(flushed[i]), "value " + i + " (" + values[i] + ") became " + flushed[i]);
        }
    }

    @Test
    @DisplayName("reports the versions it was built with; the GPU is usable only with CUDA natives and a GPU, else it says why")
    void describesItself() {
        Dl4jFramework framework = new Dl4jFramework();
        assertTrue(framework.frameworkVersion().matches("1\\.0\\.0-M\\d+(\\.\\d+)?"), framework.frameworkVersion());
        assertTrue(framework.nativeVersion().startsWith("nd4j-native"), "every build runs CPU cells on nd4j-native: "
                + framework.nativeVersion());
        DeviceSupport gpu = framework.support(Device.GPU);
        if (framework.nativeVersion().contains("nd4j-cuda")) {
            // mvn -Pgpu: the CUDA backend beside the CPU one; CPU workers ask ND4J for the CPU backend first
            assertEquals(Files.isDirectory(Path.of("/proc/driver/nvidia/gpus")), gpu.usable(), gpu.reason());
            assertEquals(Map.of(Dl4jFramework.CPU_FIRST, "1000"), framework.support(Device.CPU).environment());
        } else {
            assertFalse(gpu.usable());
            assertTrue(gpu.reason().contains("-Pgpu"), gpu.reason());
            assertEquals(Map.of(), framework.support(Device.CPU).environment());
        }
    }
}
