package dev.polydl.pytorch;

import dev.polydl.common.DeviceSupport;
import dev.polydl.djl.DjlFramework;

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
        return "libtorch " + buildProperty("pytorch.version") + " (" + buildProperty("pytorch.native.flavor") + ")";
    }

    @Override
    protected DeviceSupport gpuSupport() {
        String flavor = buildProperty("pytorch.native.flavor");
        return DeviceSupport.gpu(flavor.startsWith("cu"), "pytorch-native-" + flavor);
    }

    /** DJL reads these when the engine loads: intra-op as asked, one inter-op thread (ops run in sequence). */
    @Override
    protected void configureThreads(int threads) {
        System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(threads));
        System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
    }
}
