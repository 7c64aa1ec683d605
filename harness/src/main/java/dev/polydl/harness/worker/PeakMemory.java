package dev.polydl.harness.worker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The process's peak resident set, native memory included: what the engine really cost. */
final class PeakMemory {
    private PeakMemory() {
    }

    /** VmHWM from /proc/self/status in bytes; 0 where the OS has no such file. */
    static long residentBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
        return 0;
    }
}
