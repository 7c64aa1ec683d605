package dev.polydl.harness.run;

import dev.polydl.common.CpuFeatures;
import java.util.List;
import java.util.Locale;
import oshi.SystemInfo;
import oshi.hardware.CentralProcessor;
import oshi.hardware.HardwareAbstractionLayer;

/**
 * The machine a result was measured on, as far as it changes timings: CPU, instruction-set extensions,
 * cores, memory, OS, JVM and GPUs. Two results are comparable only when their machines are equal, so
 * nothing here may change between two runs on the same machine (no clock, no load).
 *
 * @param cpuMicroarchitecture the CPU's core design where it is known for sure; null otherwise (the
 *                             extensions then tell what the CPU can do)
 * @param isaExtensions        the vector and matrix extensions engines choose kernels by, as the kernel names them
 * @param gpus                 empty when the machine has none
 */
public record Machine(String cpu, String cpuFamilyModel, String cpuMicroarchitecture, List<String> isaExtensions,
                      int logicalCores, double memoryGiB, String os, String jvm, List<String> gpus) {

    /** The extensions the engines' kernels are chosen by, in order of appearance. */
    static final List<String> RELEVANT_EXTENSIONS = List.of("sse4_2", "avx", "avx2", "fma", "avx512f", "avx512bw", "avx512vl",
            "avx512_vnni", "avx512_bf16", "avx512_fp16", "avx_vnni", "amx_tile", "amx_bf16", "amx_int8");
    private static final String UNKNOWN = "unknown";

    /** A short label for tables and plan lines: "AMD EPYC 9R14 (Zen 4), 2 cores, AVX-512". */
    public String label() {
        String widest = isaExtensions.contains("avx512f") ? "AVX-512" : isaExtensions.contains("avx2") ? "AVX2" : "no AVX2";
        return cpu + (cpuMicroarchitecture == null ? "" : " (" + cpuMicroarchitecture + ")") + ", " + logicalCores + " cores, " + widest
                + (gpus.isEmpty() ? "" : ", " + String.join(" + ", gpus));
    }

    public static Machine here() {
        Runtime.Version version = Runtime.version();
        String jvm = System.getProperty("java.vm.name") + " " + version.feature() + "." + version.interim() + "." + version.update();
        List<String> extensions = RELEVANT_EXTENSIONS.stream().filter(CpuFeatures.flags()::contains).toList();
        try {
            SystemInfo system = new SystemInfo();
            HardwareAbstractionLayer hardware = system.getHardware();
            CentralProcessor.ProcessorIdentifier id = hardware.getProcessor().getProcessorIdentifier();
            String familyModel = familyModel(id.getVendor(), id.getFamily(), id.getModel());
            List<String> gpus = hardware.getGraphicsCards().stream()
                    .map(card -> (known(card.getVendor()) + " " + known(card.getName())).trim()).filter(name -> !name.isEmpty()).toList();
            double memory = Math.round(hardware.getMemory().getTotal() / (double) (1L << 30) * 10) / 10.0;
            return new Machine(id.getName().trim(), familyModel, microarchitecture(id.getVendor(), id.getFamily(), id.getModel(),
                    id.getMicroarchitecture()), extensions, hardware.getProcessor().getLogicalProcessorCount(), memory,
                    system.getOperatingSystem().toString(), jvm, gpus);
        } catch (RuntimeException | LinkageError e) {
            return new Machine(UNKNOWN + " (" + e.getClass().getSimpleName() + ")", null, null, extensions,
                    Runtime.getRuntime().availableProcessors(), 0, System.getProperty("os.name") + " " + System.getProperty("os.version"),
                    jvm, List.of());
        }
    }

    /** OSHI fills unknown vendors and names with "unknown"; a GPU is listed only when something about it is known. */
    private static String known(String value) {
        return value == null || value.isBlank() || value.trim().equalsIgnoreCase(UNKNOWN) ? "" : value.trim();
    }

    private static String familyModel(String vendor, String family, String model) {
        return family == null || family.isBlank() ? null : vendor + " family " + family + " model " + model;
    }

    /**
     * The microarchitecture, where the family and model say it without doubt. AMD's family 25 holds both
     * Zen 3 and Zen 4 (OSHI calls them all Zen 3) and family 26 is Zen 5 (unknown to OSHI); elsewhere OSHI's
     * name is kept unless it does not know.
     */
    static String microarchitecture(String vendor, String family, String model, String oshiName) {
        if (vendor != null && vendor.contains("AMD")) {
            try {
                int f = Integer.parseInt(family.trim());
                int m = Integer.parseInt(model.trim());
                if (f == 25) {
                    return (m >= 0x10 && m <= 0x1F) || (m >= 0x60 && m <= 0x7F) || (m >= 0xA0 && m <= 0xAF) ? "Zen 4" : "Zen 3";
                }
                if (f == 26) {
                    return "Zen 5";
                }
            } catch (NumberFormatException | NullPointerException e) {
                return null;
            }
        }
        return oshiName == null || oshiName.isBlank() || oshiName.toLowerCase(Locale.ROOT).contains(UNKNOWN) ? null : oshiName;
    }
}
