package dev.polydl.harness.run;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The machine probe's fixed work: a vectorisable float loop over cache-resident arrays (the kind of work a training
 * step is made of) on a number of threads at once. Each thread has its own arrays, so the threads never wait for each
 * other inside a run. Throughput-bound on purpose: on this project's development machine a latency-bound loop (one
 * dependent chain) stayed within 2.5 % while this kind of loop moved by up to half, as the engines' steps did
 * (docs/performance.md).
 */
public final class ProbeWorkload implements AutoCloseable {
    public static final String DESCRIPTION = "a*0.999f + b*0.001f over two 20 000-float arrays per thread (C2-vectorised)";
    private static final int LENGTH = 20_000;
    private static final double WARM_UP_SECONDS = 0.3;
    private static final double CALIBRATION_SECONDS = 0.5;
    private static final int CALIBRATION_CHUNK = 1000;

    private final ExecutorService pool;
    private final List<float[][]> arrays = new ArrayList<>();
    private final long passesPerSecond;

    /** Starts the threads, lets the JIT compile the loop, and measures how many passes a second takes now. */
    public ProbeWorkload(int threads) {
        pool = Executors.newFixedThreadPool(threads, r -> {
            Thread thread = new Thread(r, "polydl-machine-probe");
            thread.setDaemon(true);
            return thread;
        });
        for (int t = 0; t < threads; t++) {
            float[] a = new float[LENGTH];
            float[] b = new float[LENGTH];
            Arrays.fill(a, 1f);
            Arrays.fill(b, 0.5f);
            arrays.add(new float[][] {a, b});
        }
        timedPasses(WARM_UP_SECONDS);
        passesPerSecond = Math.max(1, (long) (timedPasses(CALIBRATION_SECONDS) / CALIBRATION_SECONDS));
    }

    /** The fixed number of passes that took about {@code seconds} when the workload was calibrated. */
    public long passesFor(double seconds) {
        return Math.max(1, (long) (passesPerSecond * seconds));
    }

    /** Wall seconds for {@code passes} passes on every thread at once. */
    public double seconds(long passes) {
        long start = System.nanoTime();
        run(passes);
        return (System.nanoTime() - start) / 1e9;
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }

    /** How many passes each thread makes in about {@code seconds}. */
    private long timedPasses(double seconds) {
        long start = System.nanoTime();
        long passes = 0;
        while (System.nanoTime() - start < seconds * 1e9) {
            run(CALIBRATION_CHUNK);
            passes += CALIBRATION_CHUNK;
        }
        return passes;
    }

    private void run(long passes) {
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
            throw new IllegalStateException("the machine probe failed", e.getCause());
        }
    }

    private static void pass(float[] a, float[] b) {
        for (int i = 0; i < a.length; i++) {
            a[i] = a[i] * 0.999f + b[i] * 0.001f;
        }
    }
}
