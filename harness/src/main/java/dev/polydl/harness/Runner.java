package dev.polydl.harness;

import dev.polydl.harness.run.CellResult;
import dev.polydl.harness.run.CellSpec;
import dev.polydl.harness.run.ChildJvm;
import dev.polydl.harness.run.Distribution;
import dev.polydl.harness.run.EngineEnvironment;
import dev.polydl.harness.run.Json;
import dev.polydl.harness.run.PortResult;
import dev.polydl.harness.run.PortSpec;
import dev.polydl.harness.run.ResultFolder;
import dev.polydl.harness.worker.Progress;
import dev.polydl.harness.worker.Worker;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

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
        try {
            Files.deleteIfExists(result);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the earlier result " + result + ": " + e.getMessage(), e);
        }
        ChildJvm worker = new ChildJvm(framework, threads, engine, Worker.class.getName(), args, log, cellTimeout);
        ChildJvm.Exit exit = worker.run(distribution, line -> draw(label, line));
        endLine();
        if (exit.timedOut()) {
            return new Outcome(false, CellResult.TIMEOUT, "no result within the cell time limit of " + ChildJvm.format(cellTimeout)
                    + "; the worker was killed (log: " + folder.root().relativize(log) + ")", exit.startedAt(), exit.seconds());
        }
        if (Files.isRegularFile(result)) {
            return new Outcome(true, null, null, exit.startedAt(), exit.seconds());
        }
        return new Outcome(false, CellResult.FAILED, "worker JVM " + exit.describe(cellTimeout)
                + " before writing its result (log: " + folder.root().relativize(log) + ")", exit.startedAt(), exit.seconds());
    }

    /** Draws the worker's progress lines; returns whether the line belongs in the log (step lines do not). */
    private boolean draw(String label, String line) {
        boolean pretraining = line.startsWith(Progress.PRETRAINING_STEP + " ") || line.startsWith(Progress.PRETRAINING_EPOCH + " ");
        String phase = pretraining ? "pretraining " : "";
        if (line.startsWith(Progress.STEP + " ") || line.startsWith(Progress.PRETRAINING_STEP + " ")) {
            drawStep(label, phase, line.split(" "));
            return false;
        }
        if (line.startsWith(Progress.WARM_UP + " ")) {
            drawWarmUp(label, line.split(" "));
        } else if (line.startsWith(Progress.EPOCH + " ") || line.startsWith(Progress.PRETRAINING_EPOCH + " ")) {
            drawEpoch(label, phase, line.split(" "));
        }
        return true;
    }

    private void drawStep(String label, String phase, String[] f) {
        if (!interactive) {
            return;
        }
        int step = Integer.parseInt(f[3]);
        int steps = Integer.parseInt(f[4]);
        int width = 24;
        int filled = (int) Math.round(width * (double) step / steps);
        String epoch = f[1].equals("0") ? "warm-up" : phase + "epoch " + f[1] + "/" + f[2];
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

    private void drawEpoch(String label, String phase, String[] f) {
        int epoch = Integer.parseInt(f[1]);
        int epochs = Integer.parseInt(f[2]);
        if (epochs > 20 && epoch % (epochs / 10) != 0 && epoch != epochs) {
            return;
        }
        endLine();
        console.printf(Locale.ROOT, "  %-34s %sepoch %s/%s done in %s s, test %s %s%n", label, phase, f[1], f[2], f[3], f[5], f[4]);
    }

    private void endLine() {
        if (interactive) {
            console.print("\r" + " ".repeat(120) + "\r");
        }
    }
}
