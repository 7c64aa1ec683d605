package dev.polydl.harness;

import dev.polydl.harness.run.CellResult;
import dev.polydl.harness.run.CellSpec;
import dev.polydl.harness.run.Distribution;
import dev.polydl.harness.run.EngineEnvironment;
import dev.polydl.harness.run.Json;
import dev.polydl.harness.run.PortResult;
import dev.polydl.harness.run.PortSpec;
import dev.polydl.harness.run.ResultFolder;
import dev.polydl.harness.worker.Progress;
import dev.polydl.harness.worker.Worker;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Starts one worker JVM per cell and waits for it, drawing its progress. A worker that crashes,
 * is killed or runs past the time limit costs only its own cell: the others' files are untouched,
 * and the runner writes a {@code failed} or {@code timeout} result naming the reason and the log.
 */
public final class Runner {
    private final Distribution distribution;
    private final ResultFolder folder;
    private final Duration cellTimeout;
    private final PrintStream console;
    private final boolean interactive;

    public Runner(Distribution distribution, ResultFolder folder, Duration cellTimeout, PrintStream console, boolean interactive) {
        this.distribution = distribution;
        this.folder = folder;
        this.cellTimeout = cellTimeout;
        this.console = console;
        this.interactive = interactive;
    }

    public CellResult train(CellSpec spec, String label) {
        Path specFile = folder.work().resolve(spec.id() + ".spec.json");
        Path result = folder.cell(spec.id());
        Json.write(specFile, spec);
        Path weights = folder.weights().resolve(spec.id() + ".safetensors");
        Outcome outcome = launch(spec.framework(), spec.threads(), spec.environment(), spec.id(), label,
                List.of("train", specFile.toString(), result.toString(), weights.toString()), result);
        if (outcome.resultWritten()) {
            return Json.read(result, CellResult.class);
        }
        CellResult unfinished = CellResult.unfinished(spec, outcome.status(), outcome.reason(), outcome.startedAt(), outcome.seconds());
        Json.write(result, unfinished);
        return unfinished;
    }

    public PortResult port(PortSpec spec) {
        Path specFile = folder.work().resolve(spec.id() + ".spec.json");
        Path result = folder.portability().resolve(spec.framework() + ".json");
        Json.write(specFile, spec);
        Outcome outcome = launch(spec.framework(), spec.threads(), spec.environment(), spec.id(), "portability " + spec.framework(),
                List.of("port", specFile.toString(), result.toString(), folder.weights().toString()), result);
        if (outcome.resultWritten()) {
            return Json.read(result, PortResult.class);
        }
        PortResult unfinished = PortResult.unfinished(spec, outcome.status(), outcome.reason(), outcome.startedAt(), outcome.seconds());
        Json.write(result, unfinished);
        return unfinished;
    }

    private record Outcome(boolean resultWritten, String status, String reason, String startedAt, double seconds) {
    }

    private Outcome launch(String framework, int threads, EngineEnvironment engine, String id, String label, List<String> args,
                           Path result) {
        Path log = folder.logs().resolve(id + ".log");
        String startedAt = Instant.now().toString();
        long start = System.nanoTime();
        try {
            Files.createDirectories(log.getParent());
            Files.deleteIfExists(result);
            ProcessBuilder builder = distribution.javaProcess(framework, threads, engine, Worker.class.getName(), args)
                    .redirectErrorStream(true);
            Process process = builder.start();
            Thread pump = new Thread(() -> pump(process, log, label), "worker-output-" + id);
            pump.setDaemon(true);
            pump.start();
            boolean exited = process.waitFor(cellTimeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!exited) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor();
            }
            pump.join(5_000);
            endLine();
            double seconds = (System.nanoTime() - start) / 1e9;
            if (!exited) {
                return new Outcome(false, CellResult.TIMEOUT, "no result within the cell time limit of " + format(cellTimeout)
                        + "; the worker was killed (log: " + folder.root().relativize(log) + ")", startedAt, seconds);
            }
            if (Files.isRegularFile(result)) {
                return new Outcome(true, null, null, startedAt, seconds);
            }
            int status = process.exitValue();
            String signal = status > 128 ? " (signal " + (status - 128) + ")" : "";
            return new Outcome(false, CellResult.FAILED, "worker JVM exited with status " + status + signal
                    + " before writing its result (log: " + folder.root().relativize(log) + ")", startedAt, seconds);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the worker for " + id + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + id, e);
        }
    }

    /** Copies the worker's output to its log, drawing progress lines instead of logging them. */
    private void pump(Process process, Path log, String label) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
             PrintWriter writer = new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.startsWith(Progress.STEP + " ")) {
                    drawStep(label, line.split(" "));
                } else if (line.startsWith(Progress.WARM_UP + " ")) {
                    writer.println(line);
                    drawWarmUp(label, line.split(" "));
                } else if (line.startsWith(Progress.EPOCH + " ")) {
                    writer.println(line);
                    drawEpoch(label, line.split(" "));
                } else {
                    writer.println(line);
                }
                writer.flush();
            }
        } catch (IOException e) {
            console.println("  (lost the worker's output: " + e.getMessage() + ")");
        }
    }

    private void drawStep(String label, String[] f) {
        if (!interactive) {
            return;
        }
        int step = Integer.parseInt(f[3]);
        int steps = Integer.parseInt(f[4]);
        int width = 24;
        int filled = (int) Math.round(width * (double) step / steps);
        String epoch = f[1].equals("0") ? "warm-up" : "epoch " + f[1] + "/" + f[2];
        console.printf(Locale.ROOT, "\r  %-34s %s [%s%s] %4d/%-4d loss %-9s %8.0f samples/s ", label, epoch,
                "#".repeat(filled), ".".repeat(width - filled), step, steps, f[5], Double.parseDouble(f[6]));
        console.flush();
    }

    private void drawWarmUp(String label, String[] f) {
        if (!interactive) {
            return;
        }
        console.printf(Locale.ROOT, "\r  %-34s warm-up %5s/%s s, %6s steps, JIT %4.1f %% of the last window ", label, f[1], f[2], f[3],
                100 * Double.parseDouble(f[4]));
        console.flush();
    }

    private void drawEpoch(String label, String[] f) {
        int epoch = Integer.parseInt(f[1]);
        int epochs = Integer.parseInt(f[2]);
        if (epochs > 20 && epoch % (epochs / 10) != 0 && epoch != epochs) {
            return;
        }
        endLine();
        console.printf(Locale.ROOT, "  %-34s epoch %s/%s done in %s s, test %s %s%n", label, f[1], f[2], f[3], f[5], f[4]);
    }

    private void endLine() {
        if (interactive) {
            console.print("\r" + " ".repeat(120) + "\r");
        }
    }

    static String format(Duration duration) {
        long seconds = duration.toSeconds();
        return seconds >= 60 ? (seconds / 60) + " min" + (seconds % 60 == 0 ? "" : " " + seconds % 60 + " s") : seconds + " s";
    }
}
