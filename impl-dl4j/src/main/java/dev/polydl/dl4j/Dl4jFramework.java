package dev.polydl.dl4j;

import dev.polydl.common.BuildProperties;
import dev.polydl.common.CpuFeatures;
import dev.polydl.common.Device;
import dev.polydl.common.DeviceSupport;
import dev.polydl.common.EngineSetting;
import dev.polydl.common.Framework;
import dev.polydl.common.InputLayout;
import dev.polydl.common.MatrixProduct;
import dev.polydl.common.OpenMp;
import dev.polydl.common.SessionConfig;
import dev.polydl.common.TrainingSession;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.bytedeco.javacpp.Loader;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Deeplearning4j as a polydl {@link Framework}. Constructing it loads no ND4J backend; that happens
 * when the first session opens.
 */
public final class Dl4jFramework implements Framework {
    private static final Properties BUILD = BuildProperties.load(Dl4jFramework.class, "/dev/polydl/dl4j/build.properties");
    /** JavaCPP picks the nd4j-native build whose classifier ends with this (e.g. "-onednn-avx512"); "" is the generic build. */
    static final String NATIVE_BUILD = "org.bytedeco.javacpp.platform.extension";
    /** DL4J's own switch for its cuDNN/oneDNN layer helpers; DL4J 1.0.0-M2.1 defaults it to true. */
    static final String HELPERS_DISABLE = "org.eclipse.deeplearning4j.helpers.disable";
    /** "false" runs DL4J's own Adam (ε on the uncorrected √v) instead of the canonical one, for the tuning ladder. */
    static final String CANONICAL_ADAM = "polydl.dl4j.canonical-adam";
    /** How many threads OpenBLAS may use in a training session; "" for ND4J's own choice, as many as OpenMP's. */
    static final String BLAS_THREADS = "polydl.dl4j.blas-threads";
    /** Steps between clearing canonical Adam's moments of denormal values (0 or unset: never, ND4J's behaviour). */
    static final String DENORMAL_FLUSH_STEPS = "polydl.dl4j.adam-denormal-flush-steps";
    /** ND4J's environment variable for its CPU backend's priority (its CUDA backend's is higher by default). */
    static final String CPU_FIRST = "BACKEND_PRIORITY_CPU";
    private static final String BINDINGS = "org/nd4j/linalg/cpu/nativecpu/bindings/linux-x86_64";

    @Override
    public String id() {
        return "dl4j";
    }

    @Override
    public String displayName() {
        return "Deeplearning4j " + frameworkVersion();
    }

    @Override
    public String frameworkVersion() {
        return BUILD.getProperty("dl4j.version");
    }

    @Override
    public String nativeVersion() {
        return "nd4j-native " + BUILD.getProperty("dl4j.version") + " with OpenBLAS " + BUILD.getProperty("openblas.version")
                + (isCuda() ? "; " + gpuBackend() + " where a GPU is present" : "");
    }

    @Override
    public String nativeBuild() {
        if (Loader.getLoadedLibraries().values().stream().anyMatch(path -> path != null && path.contains("nd4jcuda"))) {
            return gpuBackend() + " " + BUILD.getProperty("dl4j.version");
        }
        String folder = Loader.getLoadedLibraries().values().stream().filter(path -> path != null && path.contains("nd4jcpu"))
                .map(path -> Path.of(path).getParent().getFileName().toString()).findFirst().orElse("(not loaded yet)");
        return "nd4j-native " + BUILD.getProperty("dl4j.version") + " " + folder + ", layer helpers " + (Dl4jSession.lastBuiltWithHelpers ? "on"
                        : "false".equals(System.getProperty(HELPERS_DISABLE)) ? "off (channels-last network)" : "off")
                + ", OpenBLAS " + BUILD.getProperty("openblas.version");
    }

    /**
     * In ladder order. Measured on the 2-core development machines; docs/performance.md has the profiles.
     * Properties are applied by {@link #prepareBackend} when unset, so the contract kit runs this configuration.
     */
    @Override
    public List<EngineSetting> engineSettings() {
        List<EngineSetting> settings = new ArrayList<>();
        settings.add(EngineSetting.environment("OpenMP threads sleep when idle (OMP_WAIT_POLICY=PASSIVE)",
                "ND4J's OpenMP pool and OpenBLAS's own pthread pool share the cores; spinning OpenMP threads delay OpenBLAS "
                        + "(FCN profile: 21 % of samples spinning in libgomp)", Map.of("OMP_WAIT_POLICY", "PASSIVE")));
        String build = bestNativeBuild();
        if (!build.isEmpty()) {
            settings.add(EngineSetting.systemProperties("native build for this CPU (nd4j-native linux-x86_64" + build + ")",
                    "libnd4j's own kernels compiled for the CPU's vector extensions instead of generic x86-64, in the build "
                            + "nd4j-native publishes with oneDNN for them (the ladder shows what it is worth alone)",
                    Map.of(NATIVE_BUILD, build), Map.of(NATIVE_BUILD, ""), true));
            settings.add(EngineSetting.systemProperties("oneDNN layer helpers on",
                    "DL4J 1.0.0-M2.1 turns them off by default and its support check looks up a renamed class; with them on "
                            + "(and org.nd4j.nativeblas.Nd4jCpu restoring the name) convolutions run in oneDNN instead of "
                            + "im2col + GEMM, whose output zeroing took 41 % of the CNN profile",
                    Map.of(HELPERS_DISABLE, "false"), Map.of(HELPERS_DISABLE, "true"), true));
        }
        settings.add(EngineSetting.systemProperties("canonical Adam (ε̂ on ND4J's fused adam_updater)",
                "DL4J's own Adam adds ε to the uncorrected √v; the same fused op with ε̂ = ε·√(1 − β2^t) gives the canonical update",
                Map.of(CANONICAL_ADAM, "true"), Map.of(CANONICAL_ADAM, "false"), true));
        settings.add(EngineSetting.jvmOptions("young generation with room for ND4J's records (-Xmn96m -XX:SurvivorRatio=4)",
                "ND4J keeps a record per native buffer on the heap until its deallocator thread has handled it after a "
                        + "collection; G1's own sizing (eden 20–46 MB, small survivor spaces, tenuring threshold 1) promotes "
                        + "those records, the old generation fills and a concurrent cycle slows an FCN epoch by half about "
                        + "every 35 s. A fixed 96 MB young generation with 16 MB survivor spaces lets them die there: a 26 ms "
                        + "collection about every 1.4 s, the heap after each steady at 60 MB. FCN/32 250-step windows "
                        + "3.0–4.0 % sd/mean against 7.4–7.8 % with the 1 GiB young generation tried before (whose collection "
                        + "every 5 s lands in some windows only) and 17–18 % with G1's sizing; mean window 5 % shorter than "
                        + "with 1 GiB (4 interleaved loop pairs)",
                List.of("-Xmn96m", "-XX:SurvivorRatio=4")));
        settings.add(EngineSetting.systemProperties("OpenBLAS on the calling thread (one BLAS thread in training)",
                "ND4J gives OpenBLAS its own pthread pool as large as OpenMP's; on 2 cores OpenBLAS's caller and workers wait "
                        + "for each other in sched_yield (1.1 million calls in 3 s of an FCN session, 40 % of its CPU time in "
                        + "the kernel). With one BLAS thread, in interleaved loop pairs on a 2-core Zen 5: FCN/32 "
                        + "250-step windows 8–15 % shorter (3 pairs), CNN/32 50-step windows 16–18 % shorter (2 pairs), kernel "
                        + "time a tenth. The GEMMs then run on one core, which the ladder's batch-128 rows weigh",
                Map.of(BLAS_THREADS, "1"), Map.of(BLAS_THREADS, ""), true));
        settings.add(EngineSetting.adamDenormalFlush(DENORMAL_FLUSH_STEPS,
                "ND4J's fused adam_updater takes 1.3–1.5× as long when 6 % of the moments are denormal and 2.5–2.9× when half "
                        + "are; first moments of weights whose input stays zero decay to the smallest denormals and stay there "
                        + "(25 000 of 1.07 million after 2 250 FCN steps). FCN/32 on a 2-core Zen 5, interleaved compare pairs: "
                        + "epochs −7 to −17 % (5 pairs, 1 875-step Fashion-MNIST epochs, no longer rising over the run), −2 to "
                        + "−10 % in the default run's 250-step epochs (3 pairs). TensorFlow flushes denormals in hardware; ND4J "
                        + "has no such switch (docs/performance.md)"));
        return settings;
    }

    /** The value of {@link #DENORMAL_FLUSH_STEPS}, read after this engine's settings are applied. */
    static int denormalFlushSteps() {
        return EngineSetting.adamDenormalFlushSteps(DENORMAL_FLUSH_STEPS);
    }

    /** The best oneDNN build this CPU can run that the classpath carries; "" for the generic build. */
    static String bestNativeBuild() {
        List<String> candidates = new ArrayList<>();
        if (CpuFeatures.hasAvx512()) {
            candidates.add("-onednn-avx512");
        }
        if (CpuFeatures.hasAvx2()) {
            candidates.add("-onednn-avx2");
        }
        return candidates.stream().filter(build -> Dl4jFramework.class.getClassLoader()
                .getResource(BINDINGS + build + "/libjnind4jcpu.so") != null).findFirst().orElse("");
    }

    @Override
    public List<DeviceSupport> devices() {
        DeviceSupport cpu = DeviceSupport.usable(Device.CPU, nativeVersion());
        // ND4J prefers its CUDA backend whenever a GPU is present; a CPU cell raises the CPU backend's priority above it.
        return List.of(isCuda() ? cpu.withEnvironment(Map.of(CPU_FIRST, "1000")) : cpu,
                DeviceSupport.gpu(isCuda(), isCuda() ? gpuBackend() : "nd4j-native"));
    }

    @Override
    public List<InputLayout> inputLayouts() {
        return List.of(InputLayout.CHANNELS_FIRST, InputLayout.CHANNELS_LAST);
    }

    @Override
    public TrainingSession open(SessionConfig config) {
        prepareBackend(config.device(), config.threads(), true);
        return new Dl4jSession(config);
    }

    @Override
    public MatrixProduct matrixProduct(float[] a, float[] b, int n, Device device, int threads) {
        prepareBackend(device, threads, false);
        return new Dl4jMatrixProduct(a, b, n);
    }

    /** {@code training}: OpenBLAS gets polydl's training thread count; the GEMM peak probe keeps every thread. */
    private void prepareBackend(Device device, int threads, boolean training) {
        requireUsable(device);
        // Before ND4J loads: JavaCPP reads the build choice once, DL4J the helper switch when a layer is built.
        EngineSetting.applySystemProperties(engineSettings());
        OpenMp.requireThreads("ND4J", threads);
        Nd4j.factory().blas().setMaxThreads(training ? trainingBlasThreads(threads) : threads);
        requireBackendFor(device);
    }

    /** polydl's choice is one (see {@link #engineSettings()}); out of the box ND4J gives OpenBLAS as many as OpenMP. */
    private static int trainingBlasThreads(int threads) {
        String value = System.getProperty(BLAS_THREADS, "");
        return value.isEmpty() ? threads : Math.min(threads, EngineSetting.wholeNumber(BLAS_THREADS, value, "threads"));
    }

    private static boolean isCuda() {
        return !gpuBackend().isEmpty();
    }

    /** The CUDA backend a -Pgpu build carries beside nd4j-native; "" otherwise. */
    private static String gpuBackend() {
        return BUILD.getProperty("nd4j.gpu.backend", "");
    }

    /** ND4J loads its backends in priority order: a backend of the other device would run the cell without saying so. */
    private static void requireBackendFor(Device device) {
        String loaded = Nd4j.getBackend().getClass().getSimpleName();
        boolean cuda = loaded.contains("Cublas") || loaded.contains("Cuda");
        if (cuda != (device == Device.GPU)) {
            throw new IllegalStateException("ND4J loaded its " + loaded + " for a " + device.id() + " session"
                    + (device == Device.CPU ? " (" + CPU_FIRST + " was " + System.getenv(CPU_FIRST) + "; polydl's workers set it for CPU cells)"
                    : ""));
        }
    }
}
