package dev.polydl.harness.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.polydl.harness.run.CellResult;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class NoiseCausesTest {
    private static final int STEPS = 10;

    /** One epoch of {@link #STEPS} steps: {@code usual} ms each, but the last {@code longSteps} steps take {@code longMs}. */
    private static List<Double> epoch(double usual, int longSteps, double longMs) {
        List<Double> steps = new ArrayList<>(Collections.nCopies(STEPS - longSteps, usual));
        steps.addAll(Collections.nCopies(longSteps, longMs));
        return steps;
    }

    private static String slowest(List<List<Double>> epochs) {
        List<Double> stepMs = epochs.stream().flatMap(List::stream).toList();
        List<Double> epochSeconds = epochs.stream().map(e -> e.stream().mapToDouble(Double::doubleValue).sum() / 1000).toList();
        return NoiseCauses.slowestEpoch(epochSeconds, new CellResult.Curves(STEPS, stepMs, stepMs, List.of()));
    }

    @Test
    void anEpochWhoseEveryStepRanSlowerIsToldFromOneWithAFewLongSteps() {
        // epoch 1 is the warm-up; epoch 3 is the slowest later one, epoch 2 the fastest
        assertEquals("the slowest later epoch (3) had a median step of 3.00 ms against 2.00 ms in the fastest (2), +50 %: "
                + "every step ran slower, not a few long ones", slowest(List.of(epoch(9, 0, 0), epoch(2, 0, 0), epoch(3, 0, 0), epoch(2.2, 0, 0))));
        assertEquals("the slowest later epoch (4) had a median step of 2.00 ms against 2.00 ms in the fastest (2), +0 %: "
                + "most of its extra time went to a few long steps", slowest(List.of(epoch(9, 0, 0), epoch(2, 0, 0), epoch(2, 1, 4), epoch(2, 2, 40))));
    }

    @Test
    void theSlowestEpochsCpuTimeAndWaitAreSetAgainstTheFastests() {
        List<Double> epochs = List.of(0.5, 0.20, 0.29, 0.22);
        List<CellResult.Interference> measured = List.of(interference(900, 400), interference(280, 80), interference(350, 122), interference(300, 90));
        assertEquals("the slowest later epoch (3) took 90 ms longer than the fastest (2), with +70 ms of the process's CPU time "
                + "and +42 ms of its threads' wait for a CPU (122 against 80 ms)", NoiseCauses.slowestEpochCpu(epochs, measured));
        List<CellResult.Interference> noWait = List.of(interference(900, Double.NaN), interference(280, Double.NaN), interference(350, Double.NaN),
                interference(300, Double.NaN));
        assertEquals("the slowest later epoch (3) took 90 ms longer than the fastest (2), with +70 ms of the process's CPU time",
                NoiseCauses.slowestEpochCpu(epochs, noWait));
    }

    @Test
    void resultsWrittenBeforeTheCpuTimeWasRecordedTellNothingOfIt() {
        List<CellResult.Interference> older = Collections.nCopies(4, interference(0, 0));
        assertNull(NoiseCauses.slowestEpochCpu(List.of(0.5, 0.20, 0.29, 0.22), older));
        assertNull(NoiseCauses.slowestEpochCpu(List.of(0.5, 0.20, 0.29, 0.22), null));
        assertNull(NoiseCauses.slowestEpochCpu(List.of(0.5, 0.20), List.of(interference(1, 1), interference(1, 1))), "one later epoch");
    }

    private static CellResult.Interference interference(double cpuMs, double runQueueMs) {
        return new CellResult.Interference(0, 0, Double.NaN, cpuMs, runQueueMs);
    }

    @Test
    void withoutStepTimesPerEpochThereIsNothingToTell() {
        assertNull(NoiseCauses.slowestEpoch(List.of(1.0, 2.0, 3.0), null));
        assertNull(NoiseCauses.slowestEpoch(List.of(1.0, 2.0, 3.0), new CellResult.Curves(STEPS, List.of(), List.of(1.0, 2.0), List.of())));
        assertNull(slowest(List.of(epoch(9, 0, 0), epoch(2, 0, 0))), "one later epoch has nothing to compare with");
    }
}
