package dev.polydl.harness.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.polydl.harness.run.Json;
import dev.polydl.harness.run.ResultFolder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.runner.options.TimeValue;

/** JMH's JSON results of every framework's host, merged: one row per benchmark and parameter set. */
public final class BenchResults {
    /**
     * One JMH result.
     *
     * @param method      the benchmark method, e.g. {@code trainStep}
     * @param error       JMH's 99.9 % confidence half-width (NaN with too few samples)
     * @param percentiles sample-time percentiles by percent ("50.0", "90.0", "99.0")
     * @param forks       the raw iteration scores of each fork, in order
     * @param warmUpLimitSeconds the longest warm-up in steps a fork had before JMH's iterations ({@link StepWarmUp}); 0 for none
     * @param iterationTime the length of each measured iteration as JMH writes it ("400 ms"); empty for single shots
     * @param gcMs        the garbage collectors' time per fork in the measured iterations that had a collection (JMH's GC
     *                    profiler leaves the others out, so these do not line up with {@code forks}); empty without the profiler
     * @param heapBytesPerStep the Java heap one operation allocated (JMH's GC profiler); NaN where it did not run
     */
    public record Row(String method, String mode, Map<String, String> params, double score, double error, String unit,
                      Map<String, Double> percentiles, List<List<Double>> forks, double warmUpLimitSeconds, String iterationTime,
                      List<List<Double>> gcMs, double heapBytesPerStep) {
        public String param(String name) {
            return params.getOrDefault(name, "");
        }

        /**
         * The garbage collectors' share of the measured iterations' time; NaN where JMH's GC profiler did not run or the
         * score is not in ms per operation. An iteration runs for its set time and then finishes the step under way, so it
         * lasts about ⌈set time / step⌉ steps.
         */
        public double gcShare() {
            if (Double.isNaN(heapBytesPerStep) || iterationTime.isEmpty() || !unit.equals("ms/op")) {
                return Double.NaN;
            }
            double setMs = TimeValue.fromString(iterationTime).convertTo(TimeUnit.MICROSECONDS) / 1000.0;
            double measured = forks.stream().flatMap(List::stream).mapToDouble(stepMs -> Math.ceil(setMs / stepMs) * stepMs).sum();
            double collected = gcMs.stream().flatMap(List::stream).mapToDouble(Double::doubleValue).sum();
            return measured > 0 ? collected / measured : Double.NaN;
        }

        /**
         * How far apart the forks' own means lie, highest minus lowest, as a share of the score; NaN with fewer than two
         * forks. JMH's error pools every iteration as if all were independent, so it cannot tell a level that one process
         * keeps throughout from scatter inside each fork; this can.
         */
        public double forkSpread() {
            List<Double> means = forks.stream().filter(f -> !f.isEmpty())
                    .map(f -> f.stream().mapToDouble(Double::doubleValue).average().orElseThrow()).toList();
            if (means.size() < 2) {
                return Double.NaN;
            }
            return (Collections.max(means) - Collections.min(means)) / score;
        }
    }

    /** JMH's GC profiler's secondary results: collection time per iteration, heap allocated per operation. */
    static final String GC_TIME = "gc.time";
    static final String HEAP_PER_OPERATION = "gc.alloc.rate.norm";

    private BenchResults() {
    }

    /** Every row of every {@code *.json} in the folders' {@code bench/}; a later folder's row replaces an earlier one's. */
    public static List<Row> merge(List<ResultFolder> folders) {
        Map<String, Row> byKey = new LinkedHashMap<>();
        for (ResultFolder folder : folders) {
            if (!Files.isDirectory(folder.bench())) {
                continue;
            }
            try (Stream<Path> files = Files.list(folder.bench())) {
                for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".json")
                        && !f.getFileName().toString().startsWith(".")).sorted().toList()) {
                    for (Row row : read(file)) {
                        byKey.put(row.method() + new TreeMap<>(row.params()), row);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + folder.bench(), e);
            }
        }
        return new ArrayList<>(byKey.values());
    }

    public static List<Row> read(Path file) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": not JMH JSON: " + e.getMessage().lines().findFirst().orElse(""), e);
        }
        if (!root.isArray()) {
            throw new IllegalArgumentException(file + ": not JMH JSON (expected an array of results)");
        }
        List<Row> rows = new ArrayList<>();
        for (JsonNode node : root) {
            String benchmark = node.path("benchmark").asText();
            Map<String, String> params = new TreeMap<>();
            node.path("params").fields().forEachRemaining(field -> params.put(field.getKey(), field.getValue().asText()));
            JsonNode metric = node.path("primaryMetric");
            Map<String, Double> percentiles = new TreeMap<>();
            metric.path("scorePercentiles").fields().forEachRemaining(field -> percentiles.put(field.getKey(), number(field.getValue())));
            JsonNode secondary = node.path("secondaryMetrics");
            rows.add(new Row(benchmark.substring(benchmark.lastIndexOf('.') + 1), node.path("mode").asText(), params,
                    number(metric.path("score")), number(metric.path("scoreError")), metric.path("scoreUnit").asText(), percentiles,
                    perFork(metric.path("rawData")), warmUpLimitSeconds(node.path("jvmArgs")), node.path("measurementTime").asText(""),
                    perFork(secondary.path(GC_TIME).path("rawData")), number(secondary.path(HEAP_PER_OPERATION).path("score"))));
        }
        return rows;
    }

    /** JMH's raw data: each fork's iteration values, in order; empty where absent. */
    private static List<List<Double>> perFork(JsonNode rawData) {
        List<List<Double>> forks = new ArrayList<>();
        for (JsonNode fork : rawData) {
            List<Double> values = new ArrayList<>();
            fork.forEach(value -> values.add(number(value)));
            forks.add(values);
        }
        return forks;
    }

    /** The fork's {@link StepWarmUp#LIMIT_PROPERTY}, which JMH records with its JVM arguments; 0 where absent (older runs). */
    private static double warmUpLimitSeconds(JsonNode jvmArgs) {
        String prefix = "-D" + StepWarmUp.LIMIT_PROPERTY + "=";
        for (JsonNode arg : jvmArgs) {
            if (arg.asText().startsWith(prefix)) {
                return parse(arg.asText().substring(prefix.length()));
            }
        }
        return 0;
    }

    /** JMH writes NaN as a string. */
    private static double number(JsonNode node) {
        return node.isNumber() ? node.asDouble() : node.isTextual() ? parse(node.asText()) : Double.NaN;
    }

    private static double parse(String text) {
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
