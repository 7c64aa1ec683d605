package dev.polydl.common;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The instruction-set extensions of this machine's CPU as the Linux kernel reports them
 * ({@code /proc/cpuinfo} flags), for choosing native builds and kernels before an engine loads.
 * Elsewhere the set is empty, and every engine keeps its generic build.
 */
public final class CpuFeatures {
    private static final Set<String> FLAGS = read(Path.of("/proc/cpuinfo"));

    private CpuFeatures() {
    }

    public static Set<String> flags() {
        return FLAGS;
    }

    /** AVX-512 as x86-64-v4 defines it (F, BW, CD, DQ, VL), the level AVX-512 builds are compiled for. */
    public static boolean hasAvx512() {
        return FLAGS.containsAll(Set.of("avx512f", "avx512bw", "avx512cd", "avx512dq", "avx512vl"));
    }

    /** AVX2 with FMA, the level AVX2 builds are compiled for. */
    public static boolean hasAvx2() {
        return FLAGS.containsAll(Set.of("avx2", "fma"));
    }

    static Set<String> read(Path cpuinfo) {
        try {
            return Files.readAllLines(cpuinfo).stream().filter(line -> line.startsWith("flags")).findFirst()
                    .map(line -> Arrays.stream(line.substring(line.indexOf(':') + 1).trim().split("\\s+")).collect(Collectors.toUnmodifiableSet()))
                    .orElse(Set.of());
        } catch (IOException | RuntimeException e) {
            return Set.of();
        }
    }
}
