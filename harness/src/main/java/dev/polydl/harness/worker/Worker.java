package dev.polydl.harness.worker;

import dev.polydl.common.Framework;
import dev.polydl.common.Frameworks;
import dev.polydl.harness.run.CellResult;
import dev.polydl.harness.run.CellSpec;
import dev.polydl.harness.run.FrameworkDescription;
import dev.polydl.harness.run.Json;
import dev.polydl.harness.run.PortResult;
import dev.polydl.harness.run.PortSpec;
import java.nio.file.Path;
import java.time.Instant;

/**
 * The worker JVM's entry point, started by the runner with one framework's classpath:
 * {@code train SPEC RESULT WEIGHTS}, {@code port SPEC RESULT WEIGHTS_DIR} or {@code describe ID RESULT}.
 * It writes its result file atomically; a failure inside the engine becomes a {@code failed} result
 * with the reason. Not meant to be run by hand.
 */
public final class Worker {
    private Worker() {
    }

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        switch (args.length == 0 ? "" : args[0]) {
            case "train" -> train(Json.read(Path.of(args[1]), CellSpec.class), Path.of(args[2]), Path.of(args[3]));
            case "port" -> port(Json.read(Path.of(args[1]), PortSpec.class), Path.of(args[2]), Path.of(args[3]));
            case "describe" -> {
                Framework framework = Frameworks.byId(args[1]);
                Json.write(Path.of(args[2]), new FrameworkDescription(framework.id(), framework.displayName(), framework.frameworkVersion(),
                        framework.nativeVersion(), framework.devices(), framework.inputLayouts(), framework.engineSettings()));
            }
            default -> {
                System.err.println("usage: Worker train SPEC RESULT WEIGHTS | port SPEC RESULT WEIGHTS_DIR | describe ID RESULT");
                System.exit(2);
            }
        }
        // Some engines keep non-daemon threads alive; the result is written, so leave now.
        System.exit(0);
    }

    private static void train(CellSpec spec, Path result, Path weights) {
        String startedAt = Instant.now().toString();
        long start = System.nanoTime();
        try {
            Json.write(result, new TrainCell(spec, weights).run());
        } catch (Throwable e) {
            e.printStackTrace();
            Json.write(result, CellResult.unfinished(spec, CellResult.FAILED, oneLine(e), startedAt, (System.nanoTime() - start) / 1e9));
            System.exit(1);
        }
    }

    private static void port(PortSpec spec, Path result, Path cellsDir) {
        String startedAt = Instant.now().toString();
        long start = System.nanoTime();
        try {
            Json.write(result, new PortCell(spec, cellsDir).run());
        } catch (Throwable e) {
            e.printStackTrace();
            Json.write(result, PortResult.unfinished(spec, CellResult.FAILED, oneLine(e), startedAt, (System.nanoTime() - start) / 1e9));
            System.exit(1);
        }
    }

    static CellResult.FrameworkInfo info(Framework framework) {
        return new CellResult.FrameworkInfo(framework.id(), framework.displayName(), framework.frameworkVersion(),
                framework.nativeVersion(), framework.nativeBuild());
    }

    /** The exception as one line: its class and message, and its root cause's when different. */
    public static String oneLine(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = e.getClass().getSimpleName() + ": " + e.getMessage();
        if (root != e) {
            text += " (cause: " + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
        }
        return text.replaceAll("\\s+", " ").trim();
    }
}
