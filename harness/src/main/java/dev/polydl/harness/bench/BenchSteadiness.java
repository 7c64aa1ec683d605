package dev.polydl.harness.bench;

import dev.polydl.harness.run.MachineSteadiness;
import java.util.ArrayList;
import java.util.List;

/**
 * The machine-steadiness probes kept with the benchmark results. A bench of some hosts only (e.g. {@code --frameworks dl4j})
 * replaces their rows and leaves the others' rows from an earlier run, so it must leave the earlier run's probes too,
 * for the hosts whose rows they still bracket.
 */
public final class BenchSteadiness {
    private BenchSteadiness() {
    }

    /**
     * The probes to keep after a run of {@code hosts}.
     *
     * @param earlier   the probes kept so far
     * @param probes    this run's probes
     * @param hosts     the hosts this run benchmarked
     * @param everyHost whether this run benchmarked every host, so that no earlier row is left
     */
    public static List<MachineSteadiness> after(List<MachineSteadiness> earlier, List<MachineSteadiness> probes, List<String> hosts,
                                                boolean everyHost) {
        List<MachineSteadiness> kept = new ArrayList<>();
        if (!everyHost) {
            for (MachineSteadiness probe : earlier) {
                if (probe.hosts() == null) { // an earlier run that did not record its hosts: some of its rows may be left
                    kept.add(probe);
                    continue;
                }
                List<String> left = probe.hosts().stream().filter(host -> !hosts.contains(host)).toList();
                if (!left.isEmpty()) {
                    kept.add(probe.withHosts(left));
                }
            }
        }
        probes.forEach(probe -> kept.add(probe.withHosts(hosts)));
        return kept;
    }
}
