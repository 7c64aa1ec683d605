package dev.polydl.pytorch;

import dev.polydl.common.DeviceSupport;
import dev.polydl.common.EngineSetting;
import dev.polydl.djl.DjlFramework;
import java.util.List;

/** DJL with the PyTorch engine (libtorch from Maven Central's classified jars, loaded offline). */
public final class PtFramework extends DjlFramework {

    public PtFramework() {
        super("/dev/polydl/pytorch/build.properties");
    }

    @Override
    public String id() {
        return "pytorch";
    }

    @Override
    protected String engineName() {
        return "PyTorch";
    }

    @Override
    public String nativeVersion() {
        String gpu = buildProperty("pytorch.gpu.natives");
        return "libtorch " + buildProperty("pytorch.version") + " (cpu" + (gpu.isEmpty() ? "" : "; " + gpu + " where a GPU is present") + ")";
    }

    /** DJL cannot ask ATen which kernels it dispatched to; say whether the choice was forced. */
    @Override
    protected String extraBuildFacts() {
        String capability = System.getenv("ATEN_CPU_CAPABILITY");
        return ", ATen CPU kernels " + (capability == null ? "of libtorch's own choice (not visible through DJL; docs/performance.md has what a profile showed)" : capability);
    }

    @Override
    public List<EngineSetting> engineSettings() {
        return List.of(EngineSetting.mallocKeepsFreedMemory("FCN batch-32 step 4.7–8.4 ms → 2.4–4.5 ms "
                + "in three paired 6 000-step runs, kernel time 10.6–24.8 s → 0.6–0.8 s (page faults and zeroing were 16 % of the "
                + "profile; docs/performance.md)"));
    }

    @Override
    protected DeviceSupport gpuSupport() {
        String gpu = buildProperty("pytorch.gpu.natives");
        return DeviceSupport.gpu(!gpu.isEmpty(), gpu.isEmpty() ? "pytorch-native-cpu" : gpu);
    }

    /**
     * DJL reads these once, when the engine loads: intra-op threads as asked, one inter-op thread (ops
     * run in sequence, as in the other engines). A later session asking for another count is refused
     * rather than silently run with the first one.
     */
    @Override
    protected void configureThreads(int threads) {
        synchronized (PtFramework.class) {
            String loaded = System.getProperty(INTRA_OP);
            if (loaded != null && !loaded.equals(Integer.toString(threads))) {
                throw new IllegalStateException("PyTorch's thread pool is fixed per JVM and was set to " + loaded
                        + " threads; this session asks for " + threads);
            }
            System.setProperty(INTRA_OP, Integer.toString(threads));
            System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        }
    }

    private static final String INTRA_OP = "ai.djl.pytorch.num_threads";
}
