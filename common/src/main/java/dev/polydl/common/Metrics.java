package dev.polydl.common;

/** Scores computed from a session's outputs, in double precision, the same for every framework. */
public final class Metrics {
    private Metrics() {
    }

    /**
     * Fraction (0–1) of rows whose largest logit is the label (the first maximum wins ties); NaN when any
     * logit is NaN or infinite, since comparisons with NaN would quietly pick class 0.
     */
    public static double accuracy(float[] logits, int[] labels) {
        int classes = classes(logits, labels);
        if (!allFinite(logits)) {
            return Double.NaN;
        }
        int hits = 0;
        for (int s = 0; s < labels.length; s++) {
            int best = 0;
            for (int c = 1; c < classes; c++) {
                if (logits[s * classes + c] > logits[s * classes + best]) {
                    best = c;
                }
            }
            hits += best == labels[s] ? 1 : 0;
        }
        return (double) hits / labels.length;
    }

    /** Mean softmax cross-entropy of logits against labels (log-sum-exp, stable for large logits). */
    public static double softmaxCrossEntropy(float[] logits, int[] labels) {
        int classes = classes(logits, labels);
        double total = 0;
        for (int s = 0; s < labels.length; s++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < classes; c++) {
                max = Math.max(max, logits[s * classes + c]);
            }
            double sum = 0;
            for (int c = 0; c < classes; c++) {
                sum += Math.exp(logits[s * classes + c] - max);
            }
            total += max + Math.log(sum) - logits[s * classes + labels[s]];
        }
        return total / labels.length;
    }

    /** Mean over all elements of the squared difference. */
    public static double meanSquaredError(float[] outputs, float[] targets) {
        if (outputs.length != targets.length) {
            throw new IllegalArgumentException(outputs.length + " outputs for " + targets.length + " targets");
        }
        double total = 0;
        for (int i = 0; i < outputs.length; i++) {
            double d = (double) outputs[i] - targets[i];
            total += d * d;
        }
        return total / outputs.length;
    }

    /** The model's own loss for a batch, from its outputs. */
    public static double loss(Loss loss, float[] outputs, Batch batch) {
        return loss == Loss.SOFTMAX_CROSS_ENTROPY ? softmaxCrossEntropy(outputs, batch.labels())
                : meanSquaredError(outputs, batch.targets());
    }

    /** Whether every value is a finite number: a model with any other output has no score. */
    public static boolean allFinite(float[] values) {
        for (float value : values) {
            if (!Float.isFinite(value)) {
                return false;
            }
        }
        return true;
    }

    private static int classes(float[] logits, int[] labels) {
        if (labels.length == 0 || logits.length % labels.length != 0) {
            throw new IllegalArgumentException(logits.length + " logits for " + labels.length + " labels");
        }
        return logits.length / labels.length;
    }
}
