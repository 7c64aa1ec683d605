package dev.polydl.harness.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.polydl.harness.run.CellResult;
import dev.polydl.harness.run.CellSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

class MachinePaceTest {
    private static CellResult cell(List<Double> epochSeconds, List<Double> machineSeconds) {
        var timings = new CellResult.Timings(0, 0, 0, 0, epochSeconds, epochSeconds, 1, List.of(), 0, null, null, machineSeconds);
        return new CellResult((CellSpec) null, CellResult.OK, null, null, null, null, 0, timings, null, null, null, 0, null, null);
    }

    @Test
    void theFirstEpochAndTheProbeAfterItAreLeftOutAsTheSpreadLeavesThemOut() {
        // later epochs 2, 3, 2, 3 against probes 0.2, 0.3, 0.2, 0.3: they move together; the first pair would break that
        MachinePace pace = MachinePace.of(cell(List.of(9.0, 2.0, 3.0, 2.0, 3.0), List.of(0.1, 0.2, 0.3, 0.2, 0.3)));
        assertEquals(0.2, pace.relativeSd(), 1e-12); // population sd 0.05 over mean 0.25
        assertEquals(1.0, pace.correlation(), 1e-12);
        assertTrue(pace.epochsFollowIt());
    }

    @Test
    void epochsThatScatterWhileTheProbeMovesTheOtherWayDoNotFollowIt() {
        MachinePace pace = MachinePace.of(cell(List.of(9.0, 2.0, 3.0, 2.0, 3.0), List.of(0.1, 0.3, 0.2, 0.3, 0.2)));
        assertEquals(-1.0, pace.correlation(), 1e-12);
        assertFalse(pace.epochsFollowIt());
        assertEquals("the machine probe timed right after each epoch varied 20.0 % and the epoch times did not follow it (r = -1.00)",
                NoiseCauses.paceCause(pace));
    }

    @Test
    void fewerThanFourLaterEpochsGiveTheProbesSpreadButNoCorrelation() {
        MachinePace pace = MachinePace.of(cell(List.of(9.0, 2.0, 3.0), List.of(0.1, 0.2, 0.3)));
        assertEquals(0.2, pace.relativeSd(), 1e-12);
        assertTrue(Double.isNaN(pace.correlation()), "two points always line up");
        assertFalse(pace.epochsFollowIt());
        assertEquals("the machine probe timed right after each epoch varied 20.0 %", NoiseCauses.paceCause(pace));
    }

    @Test
    void withoutAProbeAfterEveryEpochThereIsNoPace() {
        assertNull(MachinePace.of(cell(List.of(9.0, 2.0, 3.0), null)), "argsort, and files written before the probe");
        assertNull(MachinePace.of(cell(List.of(9.0, 2.0, 3.0), List.of(0.1, 0.2))));
        assertNull(MachinePace.of(cell(List.of(9.0, 2.0), List.of(0.1, 0.2))), "one later epoch");
    }

    @Test
    void pearsonIsTheSampleCorrelation() {
        // x = 1..4, y = 2, 4, 5, 9: r = 0.9648 by hand (sxy 11, sxx 5, syy 26)
        assertEquals(0.964764, MachinePace.pearson(List.of(1.0, 2.0, 3.0, 4.0), List.of(2.0, 4.0, 5.0, 9.0)), 1e-6);
        assertTrue(Double.isNaN(MachinePace.pearson(List.of(1.0, 2.0), List.of(3.0, 3.0))), "a constant side");
    }
}
