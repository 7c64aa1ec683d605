package dev.polydl.common;

/** The training losses of the canonical models; both are means over the batch. */
public enum Loss {
    /**
     * Softmax cross-entropy computed from logits (the network itself never applies softmax), averaged
     * over the samples of the batch.
     */
    SOFTMAX_CROSS_ENTROPY,
    /** Squared error averaged over every element of the output (batch × outputs), as PyTorch's MSELoss. */
    MEAN_SQUARED_ERROR
}
