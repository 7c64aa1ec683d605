package dev.polydl.tensorflow;

import dev.polydl.common.Device;
import dev.polydl.common.DeviceSupport;
import dev.polydl.common.Framework;
import dev.polydl.common.InputLayout;
import dev.polydl.common.SessionConfig;
import dev.polydl.common.TrainingSession;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

/**
 * TensorFlow Java as a polydl {@link Framework}. Constructing it touches no TensorFlow class: the
 * versions come from a file written at build time, and natives load when the first session opens.
 */
public final class TfFramework implements Framework {
    private static final Properties BUILD = load("/dev/polydl/tensorflow/build.properties");

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

    @Override
    public List<DeviceSupport> devices() {
        return List.of(DeviceSupport.usable(Device.CPU, "CPU natives " + nativeClassifier()), gpuSupport());
    }

    @Override
    public List<InputLayout> inputLayouts() {
        return List.of(InputLayout.CHANNELS_FIRST, InputLayout.CHANNELS_LAST);
    }

    @Override
    public TrainingSession open(SessionConfig config) {
        DeviceSupport support = support(config.device());
        if (!support.usable()) {
            throw new UnsupportedOperationException("TensorFlow cannot use " + config.device().id() + ": " + support.reason());
        }
        return new TfSession(config);
    }

    private static String nativeClassifier() {
        return BUILD.getProperty("tensorflow.native.classifier");
    }

    private static DeviceSupport gpuSupport() {
        if (!nativeClassifier().endsWith("-gpu")) {
            return DeviceSupport.unusable(Device.GPU, "built with the CPU natives (" + nativeClassifier()
                    + "); build with -Pgpu for the CUDA natives");
        }
        if (!Files.isDirectory(Path.of("/proc/driver/nvidia/gpus"))) {
            return DeviceSupport.unusable(Device.GPU, "no CUDA device on this machine (no /proc/driver/nvidia/gpus)");
        }
        return DeviceSupport.usable(Device.GPU, "CUDA natives " + nativeClassifier());
    }

    private static Properties load(String resource) {
        try (InputStream in = TfFramework.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing: the module was not built by Maven");
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
