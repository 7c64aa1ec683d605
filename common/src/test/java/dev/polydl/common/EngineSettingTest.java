package dev.polydl.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class EngineSettingTest {
    @Test
    @DisplayName("a count property is a whole number ≥ 0; anything else is named with the property and the value")
    void wholeNumber() {
        assertEquals(0, EngineSetting.wholeNumber("polydl.x", "0", "steps"));
        assertEquals(100, EngineSetting.wholeNumber("polydl.x", "100", "steps"));
        for (String value : new String[] {"", "often", "-1", "1.5", " 1"}) {
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                    () -> EngineSetting.wholeNumber("polydl.x", value, "steps"));
            assertEquals("polydl.x must be a whole number of steps, was \"" + value + "\"", error.getMessage());
        }
    }

    @Test
    @DisplayName("Adam's moments are cleared after the first step and every n-th after it, never with 0")
    void adamDenormalFlushAfter() {
        for (long step : new long[] {1, 101, 201}) {
            assertTrue(EngineSetting.adamDenormalFlushAfter(step, 100), "step " + step);
        }
        for (long step : new long[] {2, 3, 100, 102, 200}) {
            assertFalse(EngineSetting.adamDenormalFlushAfter(step, 100), "step " + step);
        }
        assertTrue(EngineSetting.adamDenormalFlushAfter(2, 1));
        assertFalse(EngineSetting.adamDenormalFlushAfter(1, 0));
    }

    @Test
    @DisplayName("a setting's maps iterate in key order, so the result files written from them are the same in every JVM")
    void mapsInKeyOrder() {
        List<String> keys = List.of("GOMP_SPINCOUNT", "KMP_BLOCKTIME", "MALLOC_ARENA_MAX", "MALLOC_TOP_PAD_", "MKL_NUM_THREADS",
                "MXNET_ENGINE_TYPE", "OMP_NUM_THREADS", "OMP_PROC_BIND", "OMP_WAIT_POLICY", "OPENBLAS_NUM_THREADS", "TF_NUM_INTEROP_THREADS",
                "TF_NUM_INTRAOP_THREADS");
        Map<String, String> variables = new HashMap<>();
        keys.forEach(key -> variables.put(key, "1"));
        EngineSetting setting = new EngineSetting("twelve variables", "why", variables, variables, List.of(), variables, false);
        assertEquals(keys, List.copyOf(setting.environment().keySet()));
        assertEquals(keys, List.copyOf(setting.systemProperties().keySet()));
        assertEquals(keys, List.copyOf(setting.outOfTheBox().keySet()));
        assertThrows(UnsupportedOperationException.class, () -> setting.environment().put("VAR_Z", "1"));
    }
}
