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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/**
 * Times a fixed, vectorisable float loop over cache-resident arrays in equal windows, cut into short ops
 * after each of which the threads meet at a spinning barrier: the shape of an engine's training step, whose
 * parallel ops each wait for their slowest thread. So a core the host slows holds up the probe as it holds
 * up a step (threads that never met scattered a third as often, docs/performance.md). Pure Java, so it
 * runs in the driver JVM on any machine.
 */
public final class SteadinessProbe {
    private static final int LENGTH = 2_048;
    private static final int OP_PASSES = 12;
    public static final String WORKLOAD = "a*0.999f + b*0.001f over two 2 048-float arrays per thread (C2-vectorised), in ops of "
            + OP_PASSES + " passes after each of which the threads meet at a spinning barrier; the same number of ops in every window";
    /** Windows as long as the shortest timed epochs (FCN, 0.4–3 s): the machine's steadiness at the scale cells are judged. */
    public static final double WINDOW_SECONDS = 0.5;
    public static final int WINDOWS = 10;
    private static final double WARM_UP_SECONDS = 0.3;
    private static final double CALIBRATION_SECONDS = 0.5;
    private static final int CALIBRATION_CHUNK = 1000;
    /** Spins before a waiting thread yields, as OpenMP's pools do, so that more threads than cores still progress. */
    private static final int SPINS_BEFORE_YIELD = 10_000;

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
            SpinBarrier barrier = new SpinBarrier(threads);
            timedOps(pool, arrays, barrier, WARM_UP_SECONDS); // the JIT compiles the loop before it is counted
            long ops = timedOps(pool, arrays, barrier, CALIBRATION_SECONDS);
            long perWindow = Math.max(1, (long) (ops * windowSeconds / CALIBRATION_SECONDS));
            double stealStart = HostSteal.seconds();
            List<Double> seconds = new ArrayList<>();
            for (int w = 0; w < windows; w++) {
                long start = System.nanoTime();
                run(pool, arrays, barrier, perWindow);
                seconds.add((System.nanoTime() - start) / 1e9);
            }
            return new MachineSteadiness(when, WORKLOAD, threads, seconds, HostSteal.seconds() - stealStart, machine);
        } finally {
            pool.shutdownNow();
        }
    }

    /** How many ops the threads make together in about {@code seconds}. */
    private static long timedOps(ExecutorService pool, List<float[][]> arrays, SpinBarrier barrier, double seconds) {
        long start = System.nanoTime();
        long ops = 0;
        while (System.nanoTime() - start < seconds * 1e9) {
            run(pool, arrays, barrier, CALIBRATION_CHUNK);
            ops += CALIBRATION_CHUNK;
        }
        return ops;
    }

    private static void run(ExecutorService pool, List<float[][]> arrays, SpinBarrier barrier, long ops) {
        List<Future<?>> running = new ArrayList<>();
        for (float[][] pair : arrays) {
            running.add(pool.submit(() -> {
                try {
                    for (long op = 0; op < ops; op++) {
                        for (int p = 0; p < OP_PASSES; p++) {
                            pass(pair[0], pair[1]);
                        }
                        barrier.await();
                    }
                } catch (RuntimeException | Error e) {
                    barrier.breakFor(e); // the others would wait for it at the next op for ever
                    throw e;
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

    /**
     * Where the threads meet after every op; the last to arrive opens the next phase. Waiters spin, as OpenMP's and
     * Eigen's pools do, rather than park as {@link java.util.concurrent.CyclicBarrier} does: a futex wake-up per op of
     * about a microsecond would time the kernel's scheduler, not the cores.
     */
    private static final class SpinBarrier {
        private final int parties;
        private final AtomicInteger arrived = new AtomicInteger();
        private volatile int phase;
        private final AtomicReference<Throwable> broken = new AtomicReference<>();

        SpinBarrier(int parties) {
            this.parties = parties;
        }

        void await() {
            if (parties == 1) {
                return;
            }
            int current = phase;
            if (arrived.incrementAndGet() == parties) {
                arrived.set(0);
                phase = current + 1;
                return;
            }
            for (int spins = 0; phase == current; spins++) {
                if (spins < SPINS_BEFORE_YIELD) {
                    Thread.onSpinWait(); // the timed path: a failed thread is noticed once the waiter yields
                } else if (broken.get() != null) {
                    throw new IllegalStateException("another thread of the steadiness probe failed", broken.get());
                } else {
                    Thread.yield();
                }
            }
        }

        /** Lets every waiter fail with the first thread's failure instead of waiting for it. */
        void breakFor(Throwable cause) {
            broken.compareAndSet(null, cause);
        }
    }
}
