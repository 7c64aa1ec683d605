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
     * In ladder order; measured on the 2-core development machine (FCN, batch 32), docs/performance.md.
     * The parameter-server property is read by DJL's MXNet engine when a trainer is built.
     */
    @Override
    public List<EngineSetting> engineSettings() {
        return List.of(
                new EngineSetting("local parameter server (ai.djl.use_local_parameter_server)",
                        "DJL's MXNet default updates through a KVStore that keeps its own copy of every weight, copies it back "
                                + "each step and calls the optimizer through a JNA callback; the local server calls it directly",
                        Map.of(), Map.of(LOCAL_PARAMETER_SERVER, "true"), Map.of(LOCAL_PARAMETER_SERVER, "false"), false),
                EngineSetting.environment("synchronous engine (MXNET_ENGINE_TYPE=NaiveEngine)",
                        "MXNet's threaded engine adds worker threads and scheduling to every op; with 2 cores and small ops the "
                                + "synchronous engine takes the FCN batch-32 step from 6-7.6 ms to about 4 ms (median)",
                        Map.of("MXNET_ENGINE_TYPE", "NaiveEngine")));
    }

    private static final String LOCAL_PARAMETER_SERVER = "ai.djl.use_local_parameter_server";

    /**
     * MXNet sizes its OpenMP pool from the environment when the library loads, so the thread count
     * cannot be set from Java: the process must be started with OMP_NUM_THREADS equal to it.
     */
    @Override
    protected void configureThreads(int threads) {
        OpenMp.requireThreads("MXNet", threads);
    }
}
