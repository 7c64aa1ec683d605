package dev.polydl.harness.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.polydl.harness.TestJars;
import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChildJvmTest {
    @TempDir
    static Path dist;

    /**
     * The child: prints its engine variables and a few lines, then exits with the status it is given, crashes, or starts a
     * process and waits.
     */
    public static final class Child {
        public static void main(String[] args) throws Exception {
            System.out.println("threads " + System.getenv("OMP_NUM_THREADS") + ", wait policy " + System.getenv("OMP_WAIT_POLICY"));
            System.out.println("#progress 1");
            if (args[0].equals("crash")) {
                // a write to address 0, as an engine's native code might make: the JVM dies of a fatal error
                Class<?> unsafe = Class.forName("sun.misc.Unsafe");
                Field instance = unsafe.getDeclaredField("theUnsafe");
                instance.setAccessible(true);
                unsafe.getMethod("putAddress", long.class, long.class).invoke(instance.get(null), 0L, 0L);
            }
            if (args[0].equals("hang")) {
                Process sleeper = new ProcessBuilder("sleep", "600").start();
                System.out.println("grandchild " + sleeper.pid());
                sleeper.waitFor();
            }
            System.out.println("last words");
            System.exit(Integer.parseInt(args[0]));
        }
    }

    /** A distribution whose {@code lib/} holds a jar with the child class only. */
    @BeforeAll
    static void distributionWithTheChild() throws IOException {
        TestJars.write(dist.resolve("lib/child.jar"), Map.of(), Child.class);
    }

    private static ChildJvm child(String argument, Path log, Duration timeLimit) {
        EngineEnvironment passive = EngineEnvironment.harnessOnly().withEnvironment(Map.of("OMP_WAIT_POLICY", "PASSIVE"));
        return new ChildJvm(null, 3, passive, Child.class.getName(), List.of(argument), log, timeLimit);
    }

    @Test
    void itsOutputGoesToTheLogExceptWhatTheCallerDrawsAndItsExitStatusComesBack() throws IOException {
        Path log = dist.resolve("logs/status.log");
        List<String> seen = new ArrayList<>();
        ChildJvm.Exit exit = child("3", log, Duration.ofMinutes(2)).run(new Distribution(dist, dist), line -> {
            seen.add(line);
            return !line.startsWith("#progress");
        });
        assertEquals(3, exit.status());
        assertFalse(exit.timedOut());
        assertFalse(exit.succeeded());
        assertEquals("exited with status 3", exit.describe(Duration.ofMinutes(2)));
        assertEquals("", exit.crashedIn());
        assertEquals("last words", exit.lastLine());
        assertEquals(List.of("threads 3, wait policy PASSIVE", "#progress 1", "last words"), seen);
        assertEquals(List.of("threads 3, wait policy PASSIVE", "last words"), Files.readAllLines(log));
    }

    @Test
    void aFatalErrorIsNamedAndItsReportLandsBesideTheLog() throws IOException {
        Path log = dist.resolve("logs/crash.log");
        ChildJvm.Exit exit = child("crash", log, Duration.ofMinutes(2)).run(new Distribution(dist, dist), line -> true);
        assertEquals(134, exit.status());
        assertTrue(exit.crashedIn().contains("libjvm.so"), exit.crashedIn());
        assertTrue(exit.describe(Duration.ofMinutes(2)).startsWith("exited with status 134 (signal 6), crashed at "),
                exit.describe(Duration.ofMinutes(2)));
        try (Stream<Path> files = Files.list(log.getParent())) {
            assertTrue(files.anyMatch(file -> file.getFileName().toString().matches("crash-crash-\\d+\\.log")), "no crash report beside " + log);
        }
    }

    @Test
    void pastItsTimeLimitItAndWhatItStartedAreKilled() throws IOException, InterruptedException {
        Path log = dist.resolve("logs/hang.log");
        List<String> seen = new ArrayList<>();
        ChildJvm.Exit exit = child("hang", log, Duration.ofSeconds(3)).run(new Distribution(dist, dist), line -> seen.add(line));
        assertTrue(exit.timedOut());
        assertFalse(exit.succeeded());
        assertEquals("ran past its time limit of 3 s and was killed", exit.describe(Duration.ofSeconds(3)));
        assertTrue(exit.seconds() >= 3 && exit.seconds() < 60, "ran " + exit.seconds() + " s");
        long grandchild = Long.parseLong(seen.stream().filter(line -> line.startsWith("grandchild ")).findFirst().orElseThrow()
                .substring("grandchild ".length()));
        // a killed process disappears asynchronously
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (ProcessHandle.of(grandchild).map(ProcessHandle::isAlive).orElse(false) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertFalse(ProcessHandle.of(grandchild).map(ProcessHandle::isAlive).orElse(false), "the process the child started still runs");
    }
}
