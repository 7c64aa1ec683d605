package dev.polydl.harness.run;

import java.lang.management.CompilationMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.List;

/**
 * What else took the CPUs while an epoch was timed: the JVM's own compiler threads, its garbage
 * collector, and the hypervisor. On a machine with as many cores as training threads, each of them
 * delays a step, so each can explain an epoch that took longer than its neighbours. Beside them, the
 * process's CPU time and its threads' wait for a CPU tell whether a slower epoch cost more CPU for the
 * same steps or waited.
 */
public final class InterferenceMeter {
    private final CompilationMXBean compiler = ManagementFactory.getCompilationMXBean();
    private final List<GarbageCollectorMXBean> collectors = ManagementFactory.getGarbageCollectorMXBeans();
    private long jitMs;
    private long gcMs;
    private double stealSeconds;
    private SchedulerTimes threads;
    private long restartNanos;

    public InterferenceMeter() {
        restart();
    }

    public void restart() {
        jitMs = jitMs();
        gcMs = gcMs();
        stealSeconds = HostSteal.seconds();
        threads = SchedulerTimes.now();
        restartNanos = System.nanoTime();
    }

    /** The compiler threads' time since the last {@link #restart()} as a share of the wall time since then: a warm-up's measure. */
    public double jitShareSinceRestart() {
        return (jitMs() - jitMs) / ((System.nanoTime() - restartNanos) / 1e6);
    }

    /** What happened since the last {@link #restart()}. */
    public CellResult.Interference sinceRestart() {
        SchedulerTimes now = SchedulerTimes.now();
        return new CellResult.Interference(jitMs() - jitMs, gcMs() - gcMs, 1000 * (HostSteal.seconds() - stealSeconds),
                now.runMsSince(threads), now.waitMsSince(threads));
    }

    private long jitMs() {
        return compiler != null && compiler.isCompilationTimeMonitoringSupported() ? compiler.getTotalCompilationTime() : 0;
    }

    private long gcMs() {
        return collectors.stream().mapToLong(c -> Math.max(0, c.getCollectionTime())).sum();
    }
}
