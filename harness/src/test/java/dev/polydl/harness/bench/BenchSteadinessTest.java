package dev.polydl.harness.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.polydl.harness.run.MachineSteadiness;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which machine-steadiness probes a bench keeps: those that still bracket some host's rows. */
class BenchSteadinessTest {
    private static MachineSteadiness probe(String when, double window, List<String> hosts) {
        return new MachineSteadiness(when, "loop", 2, List.of(window, window), 0, null, hosts);
    }

    @Test
    void aBenchOfSomeHostsKeepsTheEarlierProbesForTheOthers() {
        List<MachineSteadiness> earlier = List.of(
                probe(MachineSteadiness.BEFORE, 0.4, List.of("noop", "tensorflow", "dl4j")),
                probe(MachineSteadiness.BEFORE, 0.5, List.of("dl4j")),
                probe(MachineSteadiness.AFTER, 0.6, null));
        List<MachineSteadiness> now = List.of(new MachineSteadiness(MachineSteadiness.BEFORE, "loop", 2, List.of(0.7, 0.7), 0, null));

        List<MachineSteadiness> kept = BenchSteadiness.after(earlier, now, List.of("dl4j"), false);

        // the first run's rows of noop and tensorflow stay; the earlier dl4j-only run is replaced whole; a probe that did not
        // record its hosts may bracket rows that stay, so it stays; this run's probe names its host
        assertEquals(List.of(
                probe(MachineSteadiness.BEFORE, 0.4, List.of("noop", "tensorflow")),
                probe(MachineSteadiness.AFTER, 0.6, null),
                probe(MachineSteadiness.BEFORE, 0.7, List.of("dl4j"))), kept);
    }

    @Test
    void aBenchOfEveryHostReplacesEveryEarlierProbe() {
        List<MachineSteadiness> earlier = List.of(probe(MachineSteadiness.BEFORE, 0.4, List.of("noop", "tensorflow")),
                probe(MachineSteadiness.AFTER, 0.6, null));
        List<MachineSteadiness> now = List.of(new MachineSteadiness(MachineSteadiness.AFTER, "loop", 2, List.of(0.7, 0.7), 0, null));

        assertEquals(List.of(probe(MachineSteadiness.AFTER, 0.7, List.of("noop", "tensorflow"))),
                BenchSteadiness.after(earlier, now, List.of("noop", "tensorflow"), true));
    }
}
