package dev.polydl.harness.report;

import dev.polydl.harness.run.MachineSteadiness;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.DoubleSummaryStatistics;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** The machine-steadiness probes of the result folders, and how the report prints them. */
final class SteadinessText {
    private SteadinessText() {
    }

    /** The probes in those of the files that exist. */
    static List<MachineSteadiness> read(List<Path> files) {
        List<MachineSteadiness> all = new ArrayList<>();
        for (Path file : files) {
            all.addAll(MachineSteadiness.read(file));
        }
        return all;
    }

    /**
     * The largest sd/mean of the probes taken on {@code machine} (a {@link Machines} label); NaN when none was.
     * A probe that did not record its machine counts only when the report has one machine.
     */
    static double worst(List<MachineSteadiness> probes, String machine, boolean onlyMachine) {
        return probes.stream().filter(probe -> probe.machine() == null ? onlyMachine : probe.machine().label().equals(machine))
                .mapToDouble(MachineSteadiness::relativeSd).max().orElse(Double.NaN);
    }

    /** @param around "the cells" or "the benchmarks" */
    static void append(StringBuilder md, List<MachineSteadiness> probes, String around) {
        if (probes.isEmpty()) {
            md.append("*Machine steadiness*: not probed for these results (they predate the probe).\n\n");
            return;
        }
        MachineSteadiness first = probes.get(0);
        // Benchmark probes name the hosts they bracket: a bench of some hosts keeps an earlier run's probes for the others.
        List<String> runs = probes.stream().map(SteadinessText::hosts).distinct().toList();
        boolean severalRuns = runs.size() > 1;
        String whose = !severalRuns && first.hosts() != null ? " of " + hosts(first) : "";
        md.append(String.format(Locale.ROOT, "*Machine steadiness*: before and after %s%s the driver JVM timed a fixed workload (%s) "
                + "in %d windows of about %.1f s, with nothing else of polydl's running. No timing can be expected to be steadier than "
                + "the machine:\n\n", around, whose, first.workload(), first.windowSeconds().size(),
                first.windowSeconds().stream().mapToDouble(Double::doubleValue).average().orElse(0)));
        boolean severalMachines = probes.stream().map(probe -> Machines.label(probe.machine())).distinct().count() > 1;
        md.append(severalMachines ? "| machine " : "").append(severalRuns ? "| around the run of " : "")
                .append("| when | threads | window (s) | sd/mean | hypervisor steal (s) |\n")
                .append(severalMachines ? "|---" : "").append(severalRuns ? "|---" : "").append("|---|---|---|---|---|\n");
        for (MachineSteadiness probe : probes) {
            DoubleSummaryStatistics windows = probe.windowSeconds().stream().mapToDouble(Double::doubleValue).summaryStatistics();
            md.append(severalMachines ? "| " + Machines.label(probe.machine()) + " " : "").append(severalRuns ? "| " + hosts(probe) + " " : "")
                    .append(String.format(Locale.ROOT, "| %s | %d | %.3f (%.3f–%.3f) | %.1f %%%s | %s |%n", probe.when(), probe.threads(),
                    windows.getAverage(), windows.getMin(), windows.getMax(),
                    100 * probe.relativeSd(), probe.relativeSd() > Spread.NOISY ? " **noisy**" : "",
                    Double.isNaN(probe.stealSeconds()) ? "unknown" : String.format(Locale.ROOT, "%.2f", probe.stealSeconds())));
        }
        md.append('\n');
        probes.stream().collect(Collectors.groupingBy(probe -> Machines.label(probe.machine()), LinkedHashMap::new, Collectors.toList()))
                .forEach((machine, ofMachine) -> threadContrast(ofMachine, severalMachines ? machine : null)
                        .ifPresent(sentence -> md.append(sentence).append("\n\n")));
    }

    /**
     * A sentence when one machine's probes on several threads were noisy and those on 1 thread were not: the
     * workload has no engine in it, so that scatter belongs to running on every thread, not to a framework.
     *
     * @param machine the machine's label where the report has several; null otherwise
     */
    static Optional<String> threadContrast(List<MachineSteadiness> probes, String machine) {
        DoubleSummaryStatistics single = probes.stream().filter(probe -> probe.threads() == 1)
                .mapToDouble(MachineSteadiness::relativeSd).summaryStatistics();
        Optional<MachineSteadiness> worstMulti = probes.stream().filter(probe -> probe.threads() > 1)
                .max(Comparator.comparingDouble(MachineSteadiness::relativeSd));
        if (single.getCount() == 0 || single.getMax() > Spread.NOISY || worstMulti.isEmpty() || worstMulti.get().relativeSd() <= Spread.NOISY) {
            return Optional.empty();
        }
        return Optional.of(String.format(Locale.ROOT, "%s the workload scattered more on %d threads (up to %.1f %%) than on 1 (at most %.1f %%), "
                + "with no engine in it: here a timing on %d threads meets more of the machine's own noise than one on a single thread, "
                + "whichever framework runs. On such a machine `--threads 1` gave steadier FCN epochs, at the cost of measuring every "
                + "engine on one core (`docs/performance.md`, \"One thread against two\").",
                machine == null ? "On this machine" : "On " + machine, worstMulti.get().threads(), 100 * worstMulti.get().relativeSd(),
                100 * single.getMax(), worstMulti.get().threads()));
    }

    /** The hosts a benchmark probe brackets, as the report names them. */
    private static String hosts(MachineSteadiness probe) {
        return probe.hosts() == null ? "an earlier run" : String.join(", ", probe.hosts());
    }
}
