package dev.polydl.common;

/**
 * One model of one framework on one device, ready to train and predict. It owns native memory:
 * open it in try-with-resources.
 *
 * <p>A session starts from {@link Parameters#initial} of its model and seed; {@link #setParameters}
 * replaces the weights and restarts the optimizer (Adam's moments and step count start afresh).
 */
public interface TrainingSession extends AutoCloseable {

    SessionConfig config();

    /** Replaces all weights; the parameters must match the model's spec (names and shapes). */
    void setParameters(Parameters parameters);

    /** The current weights, converted to the canonical layout. */
    Parameters getParameters();

    /**
     * One optimizer step on the batch in train mode (dropout on): forward, loss, backward, update.
     *
     * @return the mean loss of the batch, computed before the update
     */
    float trainStep(Batch batch);

    /**
     * The network's outputs for the batch (logits for classifiers; no softmax), as
     * {@code batch.size() × outputs} row-major values.
     *
     * @param mode {@link Mode#EVAL} is deterministic and dropout-free; {@link Mode#TRAIN} applies dropout
     */
    float[] predict(Batch batch, Mode mode);

    /** Frees native memory; the session is unusable afterwards. */
    @Override
    void close();
}
