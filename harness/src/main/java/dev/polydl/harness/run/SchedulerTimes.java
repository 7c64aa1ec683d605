package dev.polydl.harness.run;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * How long each of this JVM's threads ran on a CPU and how long it was ready to run but waited for one,
 * in nanoseconds (the first two fields of Linux's per-thread {@code schedstat}; the JVM's own process CPU
 * time counts in 10 ms ticks, too coarse for an epoch). Where an engine runs more busy threads than there
 * are cores, or other processes want the cores, its threads queue; the hypervisor taking a core shows as
 * steal instead.
 *
 * @param byThread each live thread's times since it started, by thread id; null where the OS does not tell
 */
public record SchedulerTimes(Map<String, Thread> byThread) {
    private static final Path TASKS = Path.of("/proc/self/task");

    /** One thread's time on a CPU and waiting for one since it started. */
    public record Thread(long runNanos, long waitNanos) {
    }

    /** Every live thread's times so far. */
    public static SchedulerTimes now() {
        return read(TASKS);
    }

    static SchedulerTimes read(Path tasks) {
        Map<String, Thread> threads = new HashMap<>();
        try (DirectoryStream<Path> listing = Files.newDirectoryStream(tasks)) {
            for (Path thread : listing) {
                try {
                    String[] fields = Files.readString(thread.resolve("schedstat")).trim().split("\\s+");
                    threads.put(thread.getFileName().toString(), new Thread(Long.parseLong(fields[0]), Long.parseLong(fields[1])));
                } catch (NoSuchFileException ended) {
                    // the thread ended after the listing
                }
            }
            return new SchedulerTimes(threads);
        } catch (IOException | RuntimeException e) {
            return new SchedulerTimes(null);
        }
    }

    /** CPU time of the threads alive now since {@code earlier}, summed, in ms (see {@link #since}). */
    public double runMsSince(SchedulerTimes earlier) {
        return since(earlier, Thread::runNanos);
    }

    /** Time the threads alive now waited for a CPU since {@code earlier}, summed, in ms (see {@link #since}). */
    public double waitMsSince(SchedulerTimes earlier) {
        return since(earlier, Thread::waitNanos);
    }

    /** A thread started since {@code earlier} counts whole, one that ended since then not at all; NaN where either reading failed. */
    private double since(SchedulerTimes earlier, ToLongFunction<Thread> field) {
        if (byThread == null || earlier.byThread == null) {
            return Double.NaN;
        }
        long nanos = 0;
        for (Map.Entry<String, Thread> thread : byThread.entrySet()) {
            Thread before = earlier.byThread.get(thread.getKey());
            nanos += field.applyAsLong(thread.getValue()) - (before == null ? 0 : field.applyAsLong(before));
        }
        return nanos / 1e6;
    }
}
