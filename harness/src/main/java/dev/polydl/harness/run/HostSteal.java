package dev.polydl.harness.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * CPU time the hypervisor gave to others while this machine's CPUs wanted to run ("steal" in
 * {@code /proc/stat}), summed over all CPUs: interference a guest cannot see any other way.
 */
public final class HostSteal {
    /** The kernel's USER_HZ on Linux, the unit of {@code /proc/stat}. */
    private static final double TICKS_PER_SECOND = 100;
    private static final Path PROC_STAT = Path.of("/proc/stat");
    private static final int STEAL_FIELD = 8;

    private HostSteal() {
    }

    /** Steal time since boot in seconds; NaN where the OS does not report it. */
    public static double seconds() {
        try {
            List<String> lines = Files.readAllLines(PROC_STAT);
            String[] fields = lines.isEmpty() ? new String[0] : lines.get(0).trim().split("\\s+");
            if (fields.length <= STEAL_FIELD || !fields[0].equals("cpu")) {
                return Double.NaN;
            }
            return Long.parseLong(fields[STEAL_FIELD]) / TICKS_PER_SECOND;
        } catch (IOException | NumberFormatException e) {
            return Double.NaN;
        }
    }
}
