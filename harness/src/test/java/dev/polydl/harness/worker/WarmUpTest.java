package dev.polydl.harness.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.polydl.common.Batch;
import dev.polydl.common.Device;
import dev.polydl.common.InputLayout;
import dev.polydl.common.ModelSpec;
import dev.polydl.common.Optimizer;
import dev.polydl.common.SessionConfig;
import dev.polydl.common.TrainingSession;
import dev.polydl.harness.SlowSession;
import dev.polydl.harness.bench.NoopFramework;
import dev.polydl.harness.run.CellResult;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The warm-up repeats what the timed run starts with, a freshly opened session, in every window: warming one
 * long-lived session up left the JIT's code for it to be thrown away when the timed session opened.
 */
class WarmUpTest {
    private static final ModelSpec MODEL = ModelSpec.ARGSORT;
    private static final SessionConfig CONFIG = new SessionConfig(MODEL, Device.CPU, new Optimizer.Sgd(0.5), 1, 1,
            InputLayout.CHANNELS_FIRST);
    /** One epoch of 1 000 identical batches: at 1 ms a step, the progress lines come a few times a second. */
    private static final List<Batch> EPOCH = Collections.nCopies(1000, Batch.regression(2,
            new float[2 * Arrays.stream(MODEL.inputShape()).reduce(1, (a, b) -> a * b)], new float[2 * MODEL.outputSize()]));

    @Test
    void everyWindowTrainsAFreshSessionThenEvaluatesAndClosesIt() {
        List<CountingSession> opened = new ArrayList<>();

        CellResult.WarmUp warmUp = WarmUp.train(0, () -> {
            CountingSession session = new CountingSession(new NoopFramework().open(CONFIG));
            opened.add(session);
            return session;
        }, session -> () -> EPOCH, 3, 1.5, session -> ((CountingSession) session).evaluations++);

        assertTrue(opened.size() >= 2, "windows: " + opened.size());
        assertEquals(opened.stream().mapToInt(s -> s.steps).sum(), warmUp.steps());
        for (CountingSession session : opened) {
            assertTrue(session.steps > 0, "a window trained no step");
            assertEquals(1, session.evaluations, "one test pass per window");
            assertTrue(session.closed, "a window's session was left open");
        }
    }

    @Test
    void aQuietCompilerDoesNotEndTheWarmUpBeforeItsFewestSteps() {
        // About 900 steps of 1 ms fit a window of 1 s: two quiet windows alone would end it near 1 800 steps.
        int minSteps = 3500;

        CellResult.WarmUp warmUp = WarmUp.train(minSteps, () -> new CountingSession(new NoopFramework().open(CONFIG)),
                session -> () -> EPOCH, 3, 20, session -> { });

        assertEquals(CellResult.WarmUp.QUIET, warmUp.ended(), warmUp.toString());
        assertTrue(warmUp.steps() >= minSteps, warmUp.toString());
    }

    @Test
    void theFewestStepsFollowTheJvmsC2Threshold() {
        // HotSpot's default Tier4InvocationThreshold is 5 000; this test JVM runs with the defaults.
        assertEquals(6000, CellResult.WarmUp.minSteps());
        assertTrue(CellResult.WarmUp.rule().contains("at least 6000 steps"), CellResult.WarmUp.rule());
    }

    /** Counts what the warm-up does with a session; each step takes 1 ms, so a window holds a bounded number of them. */
    private static final class CountingSession extends SlowSession {
        int evaluations;
        boolean closed;

        CountingSession(TrainingSession inner) {
            super(inner);
        }

        @Override
        public float trainStep(Batch batch) {
            assertTrue(!closed, "trained after close");
            return super.trainStep(batch);
        }

        @Override
        public void close() {
            closed = true;
            super.close();
        }
    }
}
