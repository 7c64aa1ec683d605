package dev.polydl.harness.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchedulerTimesTest {
    @TempDir
    Path tasks;

    private void thread(String id, long runNanos, long waitNanos) throws IOException {
        Files.createDirectories(tasks.resolve(id));
        Files.writeString(tasks.resolve(id).resolve("schedstat"), runNanos + " " + waitNanos + " 17\n");
    }

    @Test
    void timesSinceAnEarlierReadingAreSummedOverTheThreadsAliveNow() throws IOException {
        thread("101", 5_000_000, 2_000_000);
        thread("102", 9_000_000, 3_000_000);
        SchedulerTimes before = SchedulerTimes.read(tasks);
        thread("101", 6_000_000, 2_500_000);
        thread("102", 9_500_000, 4_000_000);
        thread("103", 1_000_000, 250_000); // started since: counts whole
        assertEquals(1.0 + 0.5 + 1.0, SchedulerTimes.read(tasks).runMsSince(before), 1e-9);
        assertEquals(0.5 + 1.0 + 0.25, SchedulerTimes.read(tasks).waitMsSince(before), 1e-9);
        Files.delete(tasks.resolve("102").resolve("schedstat"));
        Files.delete(tasks.resolve("102")); // ended since: counts not at all
        assertEquals(0.5 + 0.25, SchedulerTimes.read(tasks).waitMsSince(before), 1e-9);
    }

    @Test
    void withoutTheKernelsFiguresTheTimesAreUnknown() throws IOException {
        assertNull(SchedulerTimes.read(tasks.resolve("absent")).byThread());
        assertTrue(Double.isNaN(SchedulerTimes.read(tasks.resolve("absent")).waitMsSince(SchedulerTimes.read(tasks))));
        thread("101", 5, 2);
        Files.writeString(tasks.resolve("101").resolve("schedstat"), "not numbers\n");
        assertTrue(Double.isNaN(SchedulerTimes.read(tasks).runMsSince(SchedulerTimes.read(tasks))));
    }

    @Test
    void thisJvmsOwnThreadsAreReadOnLinux() {
        assumeTrue(Files.isDirectory(Path.of("/proc/self/task")), "needs Linux's /proc");
        SchedulerTimes before = SchedulerTimes.now();
        long end = System.nanoTime() + 50_000_000;
        long spins = 0;
        while (System.nanoTime() < end) {
            spins++;
        }
        SchedulerTimes after = SchedulerTimes.now();
        assertNotNull(after.byThread());
        assertTrue(after.byThread().size() > 1, "a JVM runs several threads: " + after.byThread().keySet());
        assertTrue(after.runMsSince(before) > 0, "50 ms of spinning (" + spins + " turns) ran on a CPU");
        assertTrue(after.waitMsSince(before) >= 0);
    }
}
