package dev.polydl.harness.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.polydl.harness.SlowSession;
import dev.polydl.harness.run.CellResult;
import org.junit.jupiter.api.Test;

/** A training-step fork warms up on the benchmark's own session by the compare warm-up's rule, counted in steps. */
class StepWarmUpTest {
    private static final String MODEL = "argsort";

    @Test
    void aQuietCompilerDoesNotEndTheWarmUpBeforeItsFewestSteps() {
        // About 900 steps of 1 ms fit a window of 1 s: two quiet windows alone would end it near 1 800 steps.
        int minSteps = 2500;
        SlowSession session = session();

        CellResult.WarmUp warmUp = StepWarmUp.train(session, BenchInputs.batch(MODEL, 4), minSteps, 20);

        assertEquals(CellResult.WarmUp.QUIET, warmUp.ended(), warmUp.toString());
        assertTrue(warmUp.steps() >= minSteps, warmUp.toString());
        assertEquals(session.steps, warmUp.steps(), "every step on the benchmark's own session");
    }

    @Test
    void theLimitEndsAWarmUpThatCannotReachItsSteps() {
        CellResult.WarmUp warmUp = StepWarmUp.train(session(), BenchInputs.batch(MODEL, 4), 1_000_000, 1.5);

        assertEquals(CellResult.WarmUp.LIMIT, warmUp.ended(), warmUp.toString());
        assertTrue(warmUp.seconds() >= 1.5 && warmUp.seconds() < 4, warmUp.toString());
        assertTrue(warmUp.steps() < 1_000_000, warmUp.toString());
    }

    private static SlowSession session() {
        return new SlowSession(new NoopFramework().open(BenchInputs.config(MODEL, "cpu")));
    }
}
