package dev.polydl.harness.report;

import java.util.LinkedHashMap;
import java.util.Map;
import oshi.SystemInfo;
import oshi.hardware.CentralProcessor;
import oshi.hardware.HardwareAbstractionLayer;
import oshi.software.os.OperatingSystem;

/** Where a run was measured: CPU, memory, OS and JVM, read with OSHI. */
public final class MachineInfo {
    private MachineInfo() {
    }

    public static Map<String, Object> collect() {
        Map<String, Object> info = new LinkedHashMap<>();
        try {
            SystemInfo system = new SystemInfo();
            HardwareAbstractionLayer hardware = system.getHardware();
            CentralProcessor cpu = hardware.getProcessor();
            OperatingSystem os = system.getOperatingSystem();
            info.put("cpu", cpu.getProcessorIdentifier().getName().trim());
            info.put("cpuMicroarchitecture", cpu.getProcessorIdentifier().getMicroarchitecture());
            info.put("physicalCores", cpu.getPhysicalProcessorCount());
            info.put("logicalCores", cpu.getLogicalProcessorCount());
            info.put("maxFrequencyGHz", cpu.getMaxFreq() > 0 ? cpu.getMaxFreq() / 1e9 : null);
            info.put("memoryGiB", hardware.getMemory().getTotal() / (double) (1L << 30));
            info.put("os", os.toString());
            info.put("gpus", hardware.getGraphicsCards().stream().map(card -> card.getVendor() + " " + card.getName()).toList());
        } catch (RuntimeException | LinkageError e) {
            info.put("oshiError", e.toString());
        }
        info.put("availableProcessors", Runtime.getRuntime().availableProcessors());
        info.put("java", System.getProperty("java.vm.name") + " " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")");
        info.put("osArch", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
        info.put("collectedAt", java.time.Instant.now().toString());
        return info;
    }
}
