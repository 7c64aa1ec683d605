package dev.polydl.harness.run;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

/**
 * Times a fixed, vectorisable float loop over cache-resident arrays (the kind of work a training step
 * is made of) in equal windows. Pure Java, so it runs in the driver JVM on any machine; each thread has
 * its own arrays, so the threads never wait for each other inside a window.
 */
public final class SteadinessProbe {
    public static final String WORKLOAD = "a*0.999f + b*0.001f over two 20 000-float arrays per thread (C2-vectorised), "
            + "the same number of passes in every window";
    private static final int LENGTH = 20_000;
    /** Windows as long as the shortest timed epochs (FCN, 0.4–3 s): the machine's steadiness at the scale cells are judged. */
    public static final double WINDOW_SECONDS = 0.5;
    public static final int WINDOWS = 10;
    private static final double WARM_UP_SECONDS = 0.3;
    private static final double CALIBRATION_SECONDS = 0.5;
    private static final int CALIBRATION_CHUNK = 1000;

    private SteadinessProbe() {
    }

    /** The machine's steadiness on one thread and on {@code threadCount}, printed as one line. */
    public static List<MachineSteadiness> probe(String when, int threadCount, Machine machine, PrintStream console) {
        List<MachineSteadiness> probes = new ArrayList<>();
        for (int threads : threadCount == 1 ? List.of(1) : List.of(1, threadCount)) {
            probes.add(measure(when, threads, WINDOW_SECONDS, WINDOWS, machine));
        }
        console.printf(Locale.ROOT, "machine steadiness, %s: %s (sd/mean of %d windows of %.1f s)%n", when,
                probes.stream().map(p -> String.format(Locale.ROOT, "%.1f %% on %d thread%s", 100 * p.relativeSd(), p.threads(),
                        p.threads() == 1 ? "" : "s")).collect(Collectors.joining(", ")), WINDOWS, WINDOW_SECONDS);
        return probes;
    }

    public static MachineSteadiness measure(String when, int threads, double windowSeconds, int windows, Machine machine) {
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread thread = new Thread(r, "polydl-steadiness");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<float[][]> arrays = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                float[] a = new float[LENGTH];
                float[] b = new float[LENGTH];
                Arrays.fill(a, 1f);
                Arrays.fill(b, 0.5f);
                arrays.add(new float[][] {a, b});
            }
            timedPasses(pool, arrays, WARM_UP_SECONDS); // the JIT compiles the loop before it is counted
            long passes = timedPasses(pool, arrays, CALIBRATION_SECONDS);
            long perWindow = Math.max(1, (long) (passes * windowSeconds / CALIBRATION_SECONDS));
            double stealStart = HostSteal.seconds();
            List<Double> seconds = new ArrayList<>();
            for (int w = 0; w < windows; w++) {
                long start = System.nanoTime();
                run(pool, arrays, perWindow);
                seconds.add((System.nanoTime() - start) / 1e9);
            }
            return new MachineSteadiness(when, WORKLOAD, threads, seconds, HostSteal.seconds() - stealStart, machine);
        } finally {
            pool.shutdownNow();
        }
    }

    /** How many passes each thread makes in about {@code seconds}. */
    private static long timedPasses(ExecutorService pool, List<float[][]> arrays, double seconds) {
        long start = System.nanoTime();
        long passes = 0;
        while (System.nanoTime() - start < seconds * 1e9) {
            run(pool, arrays, CALIBRATION_CHUNK);
            passes += CALIBRATION_CHUNK;
        }
        return passes;
    }

    private static void run(ExecutorService pool, List<float[][]> arrays, long passes) {
        List<Future<?>> running = new ArrayList<>();
        for (float[][] pair : arrays) {
            running.add(pool.submit(() -> {
                for (long p = 0; p < passes; p++) {
                    pass(pair[0], pair[1]);
                }
            }));
        }
        try {
            for (Future<?> future : running) {
                future.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while probing the machine", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the steadiness probe failed", e.getCause());
        }
    }

    private static void pass(float[] a, float[] b) {
        for (int i = 0; i < a.length; i++) {
            a[i] = a[i] * 0.999f + b[i] * 0.001f;
        }
    }
}
