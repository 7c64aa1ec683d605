package dev.polydl.dl4j;

import dev.polydl.common.BuildProperties;
import dev.polydl.common.Device;
import dev.polydl.common.DeviceSupport;
import dev.polydl.common.Framework;
import dev.polydl.common.InputLayout;
import dev.polydl.common.MatrixProduct;
import dev.polydl.common.OpenMp;
import dev.polydl.common.SessionConfig;
import dev.polydl.common.TrainingSession;
import java.util.List;
import java.util.Properties;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Deeplearning4j as a polydl {@link Framework}. Constructing it loads no ND4J backend; that happens
 * when the first session opens.
 */
public final class Dl4jFramework implements Framework {
    private static final Properties BUILD = BuildProperties.load(Dl4jFramework.class, "/dev/polydl/dl4j/build.properties");

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
        return BUILD.getProperty("nd4j.backend") + " " + BUILD.getProperty("dl4j.version")
                + (isCuda() ? "" : " with OpenBLAS " + BUILD.getProperty("openblas.version"));
    }

    @Override
    public List<DeviceSupport> devices() {
        return List.of(DeviceSupport.usable(Device.CPU, nativeVersion()), DeviceSupport.gpu(isCuda(), BUILD.getProperty("nd4j.backend")));
    }

    @Override
    public List<InputLayout> inputLayouts() {
        return List.of(InputLayout.CHANNELS_FIRST, InputLayout.CHANNELS_LAST);
    }

    @Override
    public TrainingSession open(SessionConfig config) {
        prepareBackend(config.device(), config.threads());
        return new Dl4jSession(config);
    }

    @Override
    public MatrixProduct matrixProduct(float[] a, float[] b, int n, Device device, int threads) {
        prepareBackend(device, threads);
        return new Dl4jMatrixProduct(a, b, n);
    }

    private void prepareBackend(Device device, int threads) {
        requireUsable(device);
        OpenMp.requireThreads("ND4J", threads);
        Nd4j.factory().blas().setMaxThreads(threads);
    }

    private static boolean isCuda() {
        return BUILD.getProperty("nd4j.backend").contains("cuda");
    }
}
