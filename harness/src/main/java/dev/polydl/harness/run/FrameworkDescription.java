package dev.polydl.harness.run;

import dev.polydl.common.DeviceSupport;
import dev.polydl.common.EngineSetting;
import dev.polydl.common.InputLayout;
import java.util.List;

/** One framework as the report names it, with what this build can use: what a worker's describe step writes. */
public record FrameworkDescription(String id, String displayName, String frameworkVersion, String nativeVersion,
                                   List<DeviceSupport> devices, List<InputLayout> inputLayouts, List<EngineSetting> settings) {
}
