package dev.polydl.djl;

import ai.djl.engine.Engine;
import dev.polydl.common.BuildProperties;
import dev.polydl.common.Device;
import dev.polydl.common.DeviceSupport;
import dev.polydl.common.EngineSetting;
import dev.polydl.common.Framework;
import dev.polydl.common.MatrixProduct;
import dev.polydl.common.SessionConfig;
import dev.polydl.common.TrainingSession;
import java.util.List;
import java.util.Properties;

/**
 * What the two DJL engine providers share. Constructing one loads no DJL engine: versions come from
 * a file written at build time, and the engine loads when the first session opens.
 */
public abstract class DjlFramework implements Framework {
    /**
     * Steps between clearing Adam's moments of denormal values (0 or unset: never, DJL's behaviour). An engine whose
     * kernels are slow on denormals lists it among its settings.
     */
    public static final String DENORMAL_FLUSH_STEPS = "polydl.djl.adam-denormal-flush-steps";
    private final Properties build;

    protected DjlFramework(String buildResource) {
        this.build = BuildProperties.load(getClass(), buildResource);
    }

    /** DJL's engine name, always passed explicitly. */
    protected abstract String engineName();

    /** Fixes the engine's thread pools before its first use in this JVM. */
    protected abstract void configureThreads(int threads);

    /** GPU support of this build, without loading natives. */
    protected abstract DeviceSupport gpuSupport();

    protected String buildProperty(String key) {
        return build.getProperty(key);
    }

    @Override
    public String frameworkVersion() {
        return "DJL " + buildProperty("djl.version");
    }

    @Override
    public String displayName() {
        return frameworkVersion() + " + " + engineName();
    }

    /** The native version and the capabilities the loaded engine reports (BLAS, oneDNN, OpenMP, vector extensions). */
    @Override
    public String nativeBuild() {
        if (!Engine.hasEngine(engineName())) {
            return nativeVersion();
        }
        Engine engine = Engine.getEngine(engineName());
        List<String> capabilities = CAPABILITIES.stream().filter(engine::hasCapability).toList();
        return nativeVersion() + (capabilities.isEmpty() ? "" : " with " + String.join(", ", capabilities)) + extraBuildFacts();
    }

    /** What the engine can tell about its kernels beyond its capabilities; empty by default. */
    protected String extraBuildFacts() {
        return "";
    }

    /** Capability names DJL's engines answer (PyTorch: MKL, MKLDNN, OPENMP; MXNet: its build features). */
    private static final List<String> CAPABILITIES = List.of("MKL", "MKLDNN", "OPENMP", "BLAS_OPEN", "BLAS_MKL", "CPU_AVX", "CPU_AVX2",
            "CPU_AVX512F", "CUDA", "CUDNN");

    @Override
    public List<DeviceSupport> devices() {
        return List.of(DeviceSupport.usable(Device.CPU, nativeVersion()), gpuSupport());
    }

    @Override
    public TrainingSession open(SessionConfig config) {
        prepareEngine(config.device(), config.threads());
        return new DjlSession(config, engineName(), denormalFlushSteps());
    }

    @Override
    public MatrixProduct matrixProduct(float[] a, float[] b, int n, Device device, int threads) {
        prepareEngine(device, threads);
        return new DjlMatrixProduct(engineName(), device, a, b, n);
    }

    /** The value of {@link #DENORMAL_FLUSH_STEPS}, read after this engine's settings are applied. */
    static int denormalFlushSteps() {
        return EngineSetting.adamDenormalFlushSteps(DENORMAL_FLUSH_STEPS);
    }

    private void prepareEngine(Device device, int threads) {
        requireUsable(device);
        // Natives come from the classified jars: DJL must neither download engines nor report usage,
        // whichever entry point (tests, runner, benchmarks) opened the session. An explicit setting wins.
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
        if (System.getProperty("OPT_OUT_TRACKING") == null) {
            System.setProperty("OPT_OUT_TRACKING", "true");
        }
        // A few DJL internals (a LambdaBlock's output shapes, for one) ask for the default engine rather
        // than the model's: make that this engine, whatever else is on the classpath.
        System.setProperty("ai.djl.default_engine", engineName());
        EngineSetting.applySystemProperties(engineSettings()); // before the engine loads; an explicit value wins
        configureThreads(threads);
    }
}
