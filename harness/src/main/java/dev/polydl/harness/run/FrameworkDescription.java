package dev.polydl.harness.run;

import dev.polydl.common.Device;
import dev.polydl.common.DeviceSupport;
import dev.polydl.common.EngineSetting;
import dev.polydl.common.InputLayout;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One framework as the report names it, with what this build can use: what a worker's describe step writes. */
public record FrameworkDescription(String id, String displayName, String frameworkVersion, String nativeVersion,
                                   List<DeviceSupport> devices, List<InputLayout> inputLayouts, List<EngineSetting> settings) {
    /** What the build said of {@code device}; empty when it did not mention it. */
    public Optional<DeviceSupport> support(Device device) {
        return devices.stream().filter(support -> support.device() == device).findFirst();
    }

    /** Rung {@code on} of the engine's tuning ladder for workers on {@code device}, with what that device needs. */
    public EngineEnvironment environment(Device device, int on) {
        Map<String, String> needed = support(device).map(DeviceSupport::environment).orElse(Map.of());
        return EngineEnvironment.rung(settings, on).withEnvironment(needed);
    }

    /** The rungs of the engine's tuning ladder: out of the box, then one per setting; none when polydl sets nothing. */
    public int rungs() {
        return settings.isEmpty() ? 0 : settings.size() + 1;
    }

    /** polydl's configuration of the engine for workers on {@code device}. */
    public EngineEnvironment environment(Device device) {
        return environment(device, settings.size());
    }
}
