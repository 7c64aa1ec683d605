package dev.polydl.harness.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.format.OutputFormat;

/**
 * JMH's console output, plus a record of every benchmark it started. With {@code shouldFailOnError(false)} JMH
 * goes on after a benchmark throws and leaves it out of its results; what started and has no result failed.
 */
final class FailureTrackingFormat implements OutputFormat {
    private final OutputFormat console;
    private final Map<String, BenchmarkParams> started = new LinkedHashMap<>();

    FailureTrackingFormat(OutputFormat console) {
        this.console = console;
    }

    /** The benchmarks that started but have no result: each as its method and parameters. */
    List<BenchFailure> failures(Collection<RunResult> results) {
        Set<String> finished = results.stream().map(r -> r.getParams().id()).collect(Collectors.toSet());
        List<BenchFailure> failed = new ArrayList<>();
        started.forEach((id, params) -> {
            if (!finished.contains(id)) {
                Map<String, String> values = new LinkedHashMap<>();
                params.getParamsKeys().forEach(key -> values.put(key, params.getParam(key)));
                String benchmark = params.getBenchmark();
                failed.add(new BenchFailure(benchmark.substring(benchmark.lastIndexOf('.') + 1), values));
            }
        });
        return failed;
    }

    @Override
    public void startBenchmark(BenchmarkParams params) {
        started.putIfAbsent(params.id(), params);
        console.startBenchmark(params);
    }

    @Override
    public void iteration(BenchmarkParams params, IterationParams iteration, int index) {
        console.iteration(params, iteration, index);
    }

    @Override
    public void iterationResult(BenchmarkParams params, IterationParams iteration, int index, IterationResult result) {
        console.iterationResult(params, iteration, index, result);
    }

    @Override
    public void endBenchmark(BenchmarkResult result) {
        console.endBenchmark(result);
    }

    @Override
    public void startRun() {
        console.startRun();
    }

    @Override
    public void endRun(Collection<RunResult> results) {
        console.endRun(results);
    }

    @Override
    public void print(String text) {
        console.print(text);
    }

    @Override
    public void println(String text) {
        console.println(text);
    }

    @Override
    public void flush() {
        console.flush();
    }

    @Override
    public void close() {
        console.close();
    }

    @Override
    public void verbosePrintln(String text) {
        console.verbosePrintln(text);
    }

    @Override
    public void write(int b) {
        console.write(b);
    }

    @Override
    public void write(byte[] bytes) throws IOException {
        console.write(bytes);
    }
}
