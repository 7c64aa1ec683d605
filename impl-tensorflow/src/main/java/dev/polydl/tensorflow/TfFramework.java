package dev.polydl.tensorflow;

import dev.polydl.common.BuildProperties;
import dev.polydl.common.Device;
import dev.polydl.common.DeviceSupport;
import dev.polydl.common.EngineSetting;
import dev.polydl.common.Framework;
import dev.polydl.common.InputLayout;
import dev.polydl.common.MatrixProduct;
import dev.polydl.common.SessionConfig;
import dev.polydl.common.TrainingSession;
import java.util.List;
import java.util.Properties;

/**
 * TensorFlow Java as a polydl {@link Framework}. Constructing it touches no TensorFlow class: the
 * versions come from a file written at build time, and natives load when the first session opens.
 */
public final class TfFramework implements Framework {
    private static final Properties BUILD = BuildProperties.load(TfFramework.class, "/dev/polydl/tensorflow/build.properties");

    @Override
    public String id() {
        return "tensorflow";
    }

    @Override
    public String displayName() {
        return "TensorFlow Java " + frameworkVersion();
    }

    @Override
    public String frameworkVersion() {
        return BUILD.getProperty("tensorflow.version");
    }

    @Override
    public String nativeVersion() {
        return "TensorFlow " + BUILD.getProperty("tensorflow.native.version") + " (" + nativeClassifier() + ")";
    }

    /**
     * What TensorFlow says of itself when it loads (its log): oneDNN custom operations on unless
     * TF_ENABLE_ONEDNN_OPTS=0 (the default on x86 since TF 2.9), oneDNN picking the CPU's vector
     * extensions at run time, and the other kernels of the Maven Central build compiled without AVX2 or AVX-512.
     */
    @Override
    public String nativeBuild() {
        boolean oneDnn = !"0".equals(System.getenv("TF_ENABLE_ONEDNN_OPTS"));
        return nativeVersion() + (nativeClassifier().endsWith("-gpu") ? "" : oneDnn
                ? ", oneDNN custom operations on (vector extensions chosen at run time; other kernels built without AVX2/AVX-512)"
                : ", oneDNN custom operations off (TF_ENABLE_ONEDNN_OPTS=0)");
    }

    @Override
    public List<DeviceSupport> devices() {
        return List.of(DeviceSupport.usable(Device.CPU, "natives " + nativeClassifier()),
                DeviceSupport.gpu(nativeClassifier().endsWith("-gpu"), nativeClassifier()));
    }

    @Override
    public List<EngineSetting> engineSettings() {
        // None: PyTorch's malloc setting left TensorFlow's step and kernel time level in interleaved pairs (docs/performance.md).
        return List.of();
    }

    @Override
    public List<InputLayout> inputLayouts() {
        return List.of(InputLayout.CHANNELS_FIRST, InputLayout.CHANNELS_LAST);
    }

    @Override
    public TrainingSession open(SessionConfig config) {
        requireUsable(config.device());
        return new TfSession(config);
    }

    @Override
    public MatrixProduct matrixProduct(float[] a, float[] b, int n, Device device, int threads) {
        requireUsable(device);
        return new TfMatrixProduct(a, b, n, device, threads);
    }

    private static String nativeClassifier() {
        return BUILD.getProperty("tensorflow.native.classifier");
    }
}
