package dev.polydl.harness.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.polydl.harness.run.MachineSteadiness;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SteadinessTextTest {
    private static final List<Double> STEADY = List.of(0.50, 0.50, 0.51, 0.50);
    private static final List<Double> SCATTERED = List.of(0.50, 0.50, 0.50, 0.60); // 8.2 %

    private static MachineSteadiness probe(String when, int threads, List<Double> windows) {
        return new MachineSteadiness(when, "loop", threads, windows, 0.0, null);
    }

    @Test
    void aNoisyProbeOnSeveralThreadsBesideSteadySingleThreadOnesIsNamed() {
        Optional<String> sentence = SteadinessText.threadContrast(List.of(probe(MachineSteadiness.BEFORE, 1, STEADY),
                probe(MachineSteadiness.BEFORE, 2, SCATTERED), probe(MachineSteadiness.AFTER, 1, STEADY),
                probe(MachineSteadiness.AFTER, 2, STEADY)), null);
        assertTrue(sentence.isPresent());
        assertTrue(sentence.get().startsWith("On this machine the workload scattered more on 2 threads (up to 8.2 %) than on 1 (at most 0.9 %)"),
                sentence.get());
        assertTrue(sentence.get().contains("`--threads 1`"), sentence.get());
    }

    @Test
    void nothingIsSaidWhenTheSingleThreadProbesWereNoisyToo() {
        assertEquals(Optional.empty(), SteadinessText.threadContrast(List.of(probe(MachineSteadiness.BEFORE, 1, SCATTERED),
                probe(MachineSteadiness.BEFORE, 2, SCATTERED)), null));
    }

    @Test
    void nothingIsSaidWhenEveryProbeWasSteady() {
        assertEquals(Optional.empty(), SteadinessText.threadContrast(List.of(probe(MachineSteadiness.BEFORE, 1, STEADY),
                probe(MachineSteadiness.BEFORE, 2, STEADY)), null));
    }

    @Test
    void nothingIsSaidWithoutAProbeOnOneThread() {
        // a run on 1 thread probes 1 thread only; a run on 4 threads whose 1-thread probe is missing has nothing to contrast
        assertEquals(Optional.empty(), SteadinessText.threadContrast(List.of(probe(MachineSteadiness.BEFORE, 4, SCATTERED)), null));
    }

    @Test
    void aReportOfSeveralMachinesNamesTheMachine() {
        Optional<String> sentence = SteadinessText.threadContrast(List.of(probe(MachineSteadiness.AFTER, 1, STEADY),
                probe(MachineSteadiness.AFTER, 2, SCATTERED)), "AMD EPYC (Zen 5), 2 cores");
        assertTrue(sentence.orElseThrow().startsWith("On AMD EPYC (Zen 5), 2 cores the workload scattered more"), sentence.get());
    }
}
