package dev.polydl.mxnet;

import dev.polydl.common.Device;
import dev.polydl.common.DeviceSupport;
import dev.polydl.common.EngineSetting;
import dev.polydl.common.OpenMp;
import dev.polydl.djl.DjlFramework;
import java.util.List;
import java.util.Map;

/** DJL with the MXNet engine (MXNet 1.9.1 with MKL from Maven Central, loaded offline). */
public final class MxFramework extends DjlFramework {
    public MxFramework() {
        super("/dev/polydl/mxnet/build.properties");
    }

    @Override
    public String id() {
        return "mxnet";
    }

    @Override
    protected String engineName() {
        return "MXNet";
    }

    @Override
    public String nativeVersion() {
        return "MXNet " + buildProperty("mxnet.version") + " (mkl)";
    }

    @Override
    protected DeviceSupport gpuSupport() {
        return DeviceSupport.unusable(Device.GPU, "Maven Central has no CUDA build of MXNet (only mxnet-native-mkl)");
    }

    /**
     * Measured on the 2-core development machine (FCN, batch 32), docs/performance.md. DJL's parameter server
     * (KVStore or local) is not among them: polydl updates each parameter with the optimizer itself, so neither
     * server is on the training step's path.
     */
    @Override
    public List<EngineSetting> engineSettings() {
        return List.of(EngineSetting.environment("synchronous engine (MXNET_ENGINE_TYPE=NaiveEngine)",
                "MXNet's threaded engine adds worker threads and scheduling to every op; with 2 cores and small ops the "
                        + "synchronous engine takes the FCN batch-32 step from 6-7.6 ms to about 4 ms (median)",
                Map.of("MXNET_ENGINE_TYPE", "NaiveEngine")),
                EngineSetting.adamDenormalFlush(DENORMAL_FLUSH_STEPS,
                        "MXNet's adam_update, a scalar SSE loop, takes 1.2–1.5× as long when 6 % of the first moment is denormal and "
                                + "3–3.5× when half is (libtorch's kernel: no difference); FCN moments of weights whose pixel stays "
                                + "zero decay to the smallest denormals and stay there, 21 000 of 536 000 after 2 000 steps and "
                                + "44 000 after 10 000. FCN/32 on a 2-core Zen 5: the kernel's CPU time per step −26 % in a profile, "
                                + "250-step windows −13, −3, −16 and +1 % in 4 interleaved loop pairs. TensorFlow flushes denormals in "
                                + "hardware; DJL has no such switch (docs/performance.md)"));
    }

    /**
     * MXNet sizes its OpenMP pool from the environment when the library loads, so the thread count
     * cannot be set from Java: the process must be started with OMP_NUM_THREADS equal to it.
     */
    @Override
    protected void configureThreads(int threads) {
        OpenMp.requireThreads("MXNet", threads);
    }
}
