package dev.polydl.harness;

import dev.polydl.common.Batch;
import dev.polydl.common.Mode;
import dev.polydl.common.Parameters;
import dev.polydl.common.SessionConfig;
import dev.polydl.common.TrainingSession;

/** A session that hands every call to another one; test doubles override only what they change. */
public class ForwardingSession implements TrainingSession {
    private final TrainingSession inner;

    public ForwardingSession(TrainingSession inner) {
        this.inner = inner;
    }

    @Override
    public SessionConfig config() {
        return inner.config();
    }

    @Override
    public void setParameters(Parameters parameters) {
        inner.setParameters(parameters);
    }

    @Override
    public Parameters getParameters() {
        return inner.getParameters();
    }

    @Override
    public float trainStep(Batch batch) {
        return inner.trainStep(batch);
    }

    @Override
    public float[] predict(Batch batch, Mode mode) {
        return inner.predict(batch, mode);
    }

    @Override
    public void close() {
        inner.close();
    }
}
