package dev.polydl.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MetricsTest {
    @Test
    void accuracyIsTheShareOfRowsWhoseLargestLogitIsTheLabel() {
        float[] logits = {0.1f, 0.9f, 0.8f, 0.2f, 0.3f, 0.7f};
        assertEquals(2.0 / 3, Metrics.accuracy(logits, new int[] {1, 0, 0}), 1e-12);
    }

    @Test
    void nonFiniteLogitsHaveNoAccuracyRatherThanTheShareOfClassZero() {
        // Every comparison with NaN is false, so each row would pick class 0 and score every label 0 as a hit.
        float[] logits = {Float.NaN, Float.NaN, Float.NaN, Float.NaN};
        assertTrue(Double.isNaN(Metrics.accuracy(logits, new int[] {0, 0})));
        assertTrue(Double.isNaN(Metrics.accuracy(new float[] {Float.POSITIVE_INFINITY, 0f, 0f, 1f}, new int[] {0, 1})));
    }

    @Test
    void nonFiniteArgsortOutputsHaveNoScoreRatherThanHitsOnEveryTargetZero() {
        assertEquals(50.0, ArgsortData.score(new float[] {0.2f, 0.7f}, new float[] {0, 0}), 1e-12);
        // Math.round(NaN) is 0: the first output would count as a hit.
        assertTrue(Double.isNaN(ArgsortData.score(new float[] {Float.NaN, 1f}, new float[] {0, 1})));
    }
}
