package dev.polydl.harness.run;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Times the {@link ProbeWorkload} in equal windows, with nothing of polydl's running beside it: how steady the
 * machine itself is before and after a run. Pure Java, so it runs in the driver JVM on any machine.
 */
public final class SteadinessProbe {
    public static final String WORKLOAD = ProbeWorkload.DESCRIPTION + ", the same number of passes in every window";
    /** Windows as long as the shortest timed epochs (FCN, 0.4–3 s): the machine's steadiness at the scale cells are judged. */
    public static final double WINDOW_SECONDS = 0.5;
    public static final int WINDOWS = 10;

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
        try (ProbeWorkload workload = new ProbeWorkload(threads)) {
            long perWindow = workload.passesFor(windowSeconds);
            double stealStart = HostSteal.seconds();
            List<Double> seconds = new ArrayList<>();
            for (int w = 0; w < windows; w++) {
                seconds.add(workload.seconds(perWindow));
            }
            return new MachineSteadiness(when, WORKLOAD, threads, seconds, HostSteal.seconds() - stealStart, machine);
        }
    }
}
