package dev.polydl.tensorflow;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Index checks of the layout conversions; the contract kit proves them numerically against the reference. */
class TfLayoutsTest {
    private static float[] counting(int n) {
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = i;
        }
        return values;
    }

    @Test
    @DisplayName("dense [out, in] becomes [in, out]")
    void dense() {
        TfLayouts.Layout layout = TfLayouts.denseKernel(2, 3); // canonical rows (0 1 2) (3 4 5)
        assertArrayEquals(new float[] {0, 3, 1, 4, 2, 5}, layout.toNative(counting(6)));
        assertArrayEquals(counting(6), layout.toCanonical(layout.toNative(counting(6))));
    }

    @Test
    @DisplayName("conv OIHW becomes HWIO")
    void conv() {
        TfLayouts.Layout layout = TfLayouts.convKernel(4, 3, 2);
        float[] nativeData = layout.toNative(counting(4 * 3 * 2 * 2));
        // canonical [o=1, i=2, r=1, c=0] = ((1·3 + 2)·2 + 1)·2 + 0 = 22 lands at HWIO [1, 0, 2, 1] = ((1·2 + 0)·3 + 2)·4 + 1 = 33
        assertEquals(22, nativeData[33]);
        assertArrayEquals(counting(48), layout.toCanonical(nativeData));
    }

    @Test
    @DisplayName("the dense kernel after a flatten takes its rows in channels-last order")
    void afterFlatten() {
        TfLayouts.Layout layout = TfLayouts.denseKernelAfterFlatten(1, 2, 1, 3); // C=2, H=1, W=3, one output
        // canonical columns (c0: p0 p1 p2, c1: p0 p1 p2) = 0..5; channels-last rows (p0c0 p0c1 p1c0 …)
        assertArrayEquals(new float[] {0, 3, 1, 4, 2, 5}, layout.toNative(counting(6)));
        assertArrayEquals(counting(6), layout.toCanonical(layout.toNative(counting(6))));
    }
}
