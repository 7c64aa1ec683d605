package dev.polydl.common;

import java.util.Objects;

/**
 * Whether a framework can use a device on this machine, and if not, why not.
 *
 * @param device the device
 * @param usable true when sessions can be opened on it here
 * @param reason why it is usable or not, shown when a test or a run is skipped
 */
public record DeviceSupport(Device device, boolean usable, String reason) {
    public DeviceSupport {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(reason, "reason");
    }

    public static DeviceSupport usable(Device device, String how) {
        return new DeviceSupport(device, true, how);
    }

    public static DeviceSupport unusable(Device device, String why) {
        return new DeviceSupport(device, false, why);
    }
}
