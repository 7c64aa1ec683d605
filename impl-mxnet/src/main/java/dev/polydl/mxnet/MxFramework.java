package dev.polydl.mxnet;

import dev.polydl.common.Device;
import dev.polydl.common.DeviceSupport;
import dev.polydl.common.OpenMp;
import dev.polydl.djl.DjlFramework;

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
     * MXNet sizes its OpenMP pool from the environment when the library loads, so the thread count
     * cannot be set from Java: the process must be started with OMP_NUM_THREADS equal to it.
     */
    @Override
    protected void configureThreads(int threads) {
        OpenMp.requireThreads("MXNet", threads);
    }
}
