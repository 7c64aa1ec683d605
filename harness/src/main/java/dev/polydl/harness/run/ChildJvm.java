package dev.polydl.harness.run;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The one way polydl starts a child JVM (a worker, a framework description, a JMH host): one framework's
 * classpath and its engine environment, its output copied to a log, a time limit after which the JVM and
 * everything it started are killed, and how it ended.
 *
 * @param framework the framework whose classpath the JVM gets (null: the harness only)
 * @param threads   the thread count every engine is told
 * @param engine    the engine environment
 * @param mainClass the class to run
 * @param args      its arguments
 * @param log       where its output goes (created with its folders)
 * @param timeLimit how long it may run
 */
public record ChildJvm(String framework, int threads, EngineEnvironment engine, String mainClass, List<String> args, Path log,
                       Duration timeLimit) {

    /**
     * How a child JVM ended.
     *
     * @param status    its exit status (-1 when it was killed at the time limit)
     * @param timedOut  whether it ran past the time limit and was killed
     * @param startedAt when it started (ISO-8601)
     * @param seconds   how long it ran
     * @param lastLine  the last line it printed ("" if none), for an error message when the log is temporary
     * @param crashedIn the frame the JVM named when it died of a fatal error, e.g. in an engine's native code ("" if none)
     */
    public record Exit(int status, boolean timedOut, String startedAt, double seconds, String lastLine, String crashedIn) {
        public boolean succeeded() {
            return !timedOut && status == 0;
        }

        /** "exited with status 134 (signal 6)" and where it crashed, or the time limit it ran past. */
        public String describe(Duration timeLimit) {
            if (timedOut) {
                return "ran past its time limit of " + format(timeLimit) + " and was killed";
            }
            return "exited with status " + status + (status > 128 ? " (signal " + (status - 128) + ")" : "")
                    + (crashedIn.isEmpty() ? "" : ", crashed at " + crashedIn + " (the JVM's crash report is beside the log)");
        }
    }

    /** The line of a JVM's fatal-error banner after which it names the frame that crashed. */
    static final String PROBLEMATIC_FRAME = "# Problematic frame:";

    /** Where the JVM writes its crash report ({@code %p}: its pid): beside the log, not in the working directory. */
    Path crashReport() {
        String name = log.getFileName().toString();
        return log.resolveSibling((name.endsWith(".log") ? name.substring(0, name.length() - 4) : name) + "-crash-%p.log");
    }

    /**
     * Starts the JVM and waits for it. Each output line goes to {@code onLine} first; it is logged unless
     * {@code onLine} returns false (progress lines that are drawn, not kept).
     */
    public Exit run(Distribution distribution, Predicate<String> onLine) {
        String startedAt = Instant.now().toString();
        long start = System.nanoTime();
        try {
            Files.createDirectories(log.toAbsolutePath().getParent());
            Process process = distribution.javaProcess(framework, threads, engine, mainClass, args, crashReport())
                    .redirectErrorStream(true).start();
            Output[] output = {new Output("", "")};
            Thread pump = new Thread(() -> output[0] = copyOutput(process, onLine), "output-of-" + log.getFileName());
            pump.setDaemon(true);
            pump.start();
            boolean exited = process.waitFor(timeLimit.toMillis(), TimeUnit.MILLISECONDS);
            if (!exited) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor();
            }
            pump.join(5_000);
            return new Exit(exited ? process.exitValue() : -1, !exited, startedAt, (System.nanoTime() - start) / 1e9,
                    output[0].lastLine(), output[0].crashedIn());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start a JVM for " + mainClass + " (log " + log + "): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + mainClass + " (log " + log + ")", e);
        }
    }

    /** What the output said: its last line, and the frame the JVM named if it crashed (each "" if none). */
    private record Output(String lastLine, String crashedIn) {
    }

    /** Copies the output to the log. */
    private Output copyOutput(Process process, Predicate<String> onLine) {
        String last = "";
        String crashedIn = "";
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
             PrintWriter writer = new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (last.equals(PROBLEMATIC_FRAME) && crashedIn.isEmpty()) {
                    crashedIn = line.replaceFirst("^#\\s*", "").trim().replaceAll("\\s+", " ");
                }
                last = line;
                if (onLine.test(line)) {
                    writer.println(line);
                    writer.flush();
                }
            }
        } catch (IOException e) {
            System.err.println("lost the output of " + mainClass + " (log " + log + "): " + e.getMessage());
        }
        return new Output(last, crashedIn);
    }

    /** "90 s", "20 min", "1 min 30 s". */
    public static String format(Duration duration) {
        long seconds = duration.toSeconds();
        return seconds >= 60 ? (seconds / 60) + " min" + (seconds % 60 == 0 ? "" : " " + seconds % 60 + " s") : seconds + " s";
    }
}
