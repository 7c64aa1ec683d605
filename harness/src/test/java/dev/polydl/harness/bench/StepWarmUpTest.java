package dev.polydl.harness.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.polydl.common.Batch;
import dev.polydl.common.TrainingSession;
import dev.polydl.harness.ForwardingSession;
import dev.polydl.harness.run.CellResult;
import org.junit.jupiter.api.Test;

/** A training-step fork warms up on the benchmark's own session by the compare warm-up's rule, counted in steps. */
class StepWarmUpTest {
    private static final String MODEL = "argsort";

    @Test
    void aQuietCompilerDoesNotEndTheWarmUpBeforeItsFewestSteps() {
        // About 900 steps of 1 ms fit a window of 1 s: two quiet windows alone would end it near 1 800 steps.
        int minSteps = 2500;
        SleepingSession session = session();

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

    private static SleepingSession session() {
        return new SleepingSession(new NoopFramework().open(BenchInputs.config(MODEL, "cpu")));
    }

    /** Each step takes 1 ms, so that a window holds a bounded number of them. */
    private static final class SleepingSession extends ForwardingSession {
        int steps;

        SleepingSession(TrainingSession inner) {
            super(inner);
        }

        @Override
        public float trainStep(Batch batch) {
            steps++;
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return super.trainStep(batch);
        }
    }
}
