package dev.polydl.harness.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * One measurement of how steady the machine itself is: the same fixed amount of work timed in
 * consecutive windows on {@code threads} threads, with nothing of polydl's running beside it. No cell
 * run on this machine can be expected to be steadier.
 *
 * @param when           {@link #BEFORE} or {@link #AFTER} the cells or benchmarks
 * @param windowSeconds  wall time of each window, in order
 * @param stealSeconds   hypervisor steal time over all windows (NaN where unknown)
 * @param machine        the machine probed (null in files written before it was recorded)
 * @param hosts          the benchmark hosts whose run the probe brackets; null for compare's cells, and in files written
 *                       before it was recorded
 */
public record MachineSteadiness(String when, String workload, int threads, List<Double> windowSeconds, double stealSeconds,
                                Machine machine, List<String> hosts) {
    public static final String BEFORE = "before";
    public static final String AFTER = "after";

    public MachineSteadiness {
        hosts = hosts == null ? null : List.copyOf(hosts);
    }

    /** A probe around compare's cells, which brackets no benchmark host. */
    public MachineSteadiness(String when, String workload, int threads, List<Double> windowSeconds, double stealSeconds,
                             Machine machine) {
        this(when, workload, threads, windowSeconds, stealSeconds, machine, null);
    }

    /** The same probe, as the bracket of these benchmark hosts' run. */
    public MachineSteadiness withHosts(List<String> benchHosts) {
        return new MachineSteadiness(when, workload, threads, windowSeconds, stealSeconds, machine, benchHosts);
    }

    /** The probes a steadiness file holds; none when there is no such file. */
    public static List<MachineSteadiness> read(Path file) {
        return Files.isRegularFile(file) ? List.of(Json.read(file, MachineSteadiness[].class)) : List.of();
    }

    /** Population sd / mean of the windows, as the report computes a cell's spread. */
    public double relativeSd() {
        return relativeSd(windowSeconds);
    }

    /** Population sd / mean of the values (NaN for none): the one definition of spread, for probes and cells alike. */
    public static double relativeSd(List<Double> values) {
        double mean = values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
        double variance = values.stream().mapToDouble(x -> (x - mean) * (x - mean)).average().orElse(Double.NaN);
        return Math.sqrt(variance) / mean;
    }
}
