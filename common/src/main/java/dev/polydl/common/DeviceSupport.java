package dev.polydl.common;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * Whether a framework can use a device on this machine, and if not, why not.
 *
 * @param device the device
 * @param usable true when sessions can be opened on it here
 * @param reason why it is usable or not, shown when a test or a run is skipped
 * @param environment environment variables a worker JVM for this device needs (read when the natives load)
 */
public record DeviceSupport(Device device, boolean usable, String reason, Map<String, String> environment) {
    public DeviceSupport {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(reason, "reason");
        environment = environment == null ? Map.of() : Map.copyOf(environment);
    }

    public static DeviceSupport usable(Device device, String how) {
        return new DeviceSupport(device, true, how, Map.of());
    }

    public static DeviceSupport unusable(Device device, String why) {
        return new DeviceSupport(device, false, why, Map.of());
    }

    /** The same support, for worker JVMs that start with {@code variables} in their environment. */
    public DeviceSupport withEnvironment(Map<String, String> variables) {
        return new DeviceSupport(device, usable, reason, variables);
    }

    /**
     * GPU support for a build whose natives are {@code nativeBuild}: usable only when those are CUDA
     * natives and the NVIDIA driver reports a device. Checked without loading any native code.
     */
    public static DeviceSupport gpu(boolean cudaNatives, String nativeBuild) {
        if (!cudaNatives) {
            return unusable(Device.GPU, "built with the CPU natives (" + nativeBuild + "); build with -Pgpu for the CUDA natives");
        }
        if (!Files.isDirectory(Path.of("/proc/driver/nvidia/gpus"))) {
            return unusable(Device.GPU, "no CUDA device on this machine (the NVIDIA driver reports none)");
        }
        return usable(Device.GPU, "CUDA natives " + nativeBuild);
    }
}
