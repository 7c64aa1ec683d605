package dev.polydl.harness.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.Map;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * The JMH host JVM of one framework, started by {@code polydl bench} with that framework's
 * classpath only; JMH's forks inherit it. Writes {@code <framework>-steady.json} (step, latency,
 * throughput, peak) and {@code <framework>-cold.json} (build, first call) atomically.
 */
public final class BenchHost {
    private BenchHost() {
    }

    public static void main(String[] args) throws RunnerException, IOException {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        String framework = options.get("framework");
        Path out = Path.of(options.get("out"));
        Files.createDirectories(out);
        int forks = Integer.parseInt(options.get("forks"));
        String[] models = options.get("models").split(",");
        boolean baseline = framework.equals(NoopFramework.ID);

        ChainedOptionsBuilder steady = common(framework, options, models, forks)
                .include(".*Benchmarks\\.(trainStep|latency|throughput" + (baseline ? "" : "|matmul") + ")$")
                .param("batch", options.get("batches").split(","))
                .param("size", options.get("peak-size"))
                .warmupIterations(Integer.parseInt(options.get("warmups")))
                .warmupTime(TimeValue.milliseconds(Long.parseLong(options.get("iteration-ms"))))
                .measurementIterations(Integer.parseInt(options.get("iterations")))
                .measurementTime(TimeValue.milliseconds(Long.parseLong(options.get("iteration-ms"))));
        run(steady, out.resolve(framework + "-steady.json"));

        // Single shots: no warm-up, so that each fork's first build is the cold one (engine natives included).
        ChainedOptionsBuilder cold = common(framework, options, models, forks)
                .include(".*Benchmarks\\.(build|firstCall)$")
                .warmupIterations(0)
                .measurementIterations(Integer.parseInt(options.get("single-shots")));
        run(cold, out.resolve(framework + "-cold.json"));
    }

    private static ChainedOptionsBuilder common(String framework, Map<String, String> options, String[] models, int forks) {
        return new OptionsBuilder()
                .param("framework", framework)
                .param("model", models)
                .param("device", options.get("device"))
                .forks(forks)
                .shouldFailOnError(false)
                .jvmArgsAppend("-Dpolydl.threads=" + options.get("threads"), "-Dai.djl.offline=true", "-Djava.awt.headless=true");
    }

    private static void run(ChainedOptionsBuilder builder, Path result) throws RunnerException, IOException {
        Path partial = result.resolveSibling("." + result.getFileName() + ".partial");
        new Runner(builder.resultFormat(ResultFormatType.JSON).result(partial.toString()).build()).run();
        Files.move(partial, result, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
