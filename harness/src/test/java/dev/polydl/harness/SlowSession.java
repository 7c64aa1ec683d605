package dev.polydl.harness;

import dev.polydl.common.Batch;
import dev.polydl.common.TrainingSession;

/** Counts its training steps and makes each take 1 ms, so that a warm-up window holds a bounded number of them. */
public class SlowSession extends ForwardingSession {
    public int steps;

    public SlowSession(TrainingSession inner) {
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
