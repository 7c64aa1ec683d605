package dev.polydl.harness.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.polydl.common.EngineSetting;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EngineEnvironmentTest {
    private static final EngineSetting SLEEP = EngineSetting.environment("sleep", "test", Map.of("OMP_WAIT_POLICY", "PASSIVE"));
    private static final EngineSetting KERNEL = EngineSetting.systemProperties("kernel", "test", Map.of("engine.kernel", "fast"),
            Map.of("engine.kernel", "default"), true);
    private static final EngineSetting YOUNG = EngineSetting.jvmOptions("young generation", "test", List.of("-Xmn1g"));

    @Test
    void polydlAppliesEverySettingAfterTheHarnessJvmOptions() {
        EngineEnvironment environment = EngineEnvironment.polydl(List.of(SLEEP, KERNEL));
        assertEquals(List.of("sleep", "kernel"), environment.settings());
        assertEquals(Map.of("OMP_WAIT_POLICY", "PASSIVE"), environment.environment());
        List<String> expected = new ArrayList<>(EngineEnvironment.JVM_OPTIONS);
        expected.add("-Dengine.kernel=fast");
        assertEquals(expected, environment.jvmOptions());
    }

    @Test
    void aSettingsJvmOptionsFollowTheHarnessOnesAndPrecedeTheProperties() {
        List<String> expected = new ArrayList<>(EngineEnvironment.JVM_OPTIONS);
        expected.add("-Xmn1g");
        expected.add("-Dengine.kernel=fast");
        assertEquals(expected, EngineEnvironment.polydl(List.of(KERNEL, YOUNG)).jvmOptions());
        List<String> withoutPauses = new ArrayList<>(EngineEnvironment.JVM_OPTIONS);
        withoutPauses.add("-Dengine.kernel=fast");
        assertEquals(withoutPauses, EngineEnvironment.rung(List.of(KERNEL, YOUNG), 1).jvmOptions());
    }

    @Test
    void aSettingWrittenBeforeJvmOptionsExistedReadsAsHavingNone() {
        ObjectNode written = Json.MAPPER.valueToTree(KERNEL);
        written.remove("jvmOptions");
        assertEquals(KERNEL, Json.MAPPER.convertValue(written, EngineSetting.class));
    }

    @Test
    void aRungLeavesTheLaterSettingsAtTheEnginesDefault() {
        EngineEnvironment first = EngineEnvironment.rung(List.of(SLEEP, KERNEL), 1);
        assertEquals(List.of("sleep"), first.settings());
        assertEquals(List.of("kernel"), first.outOfTheBox());
        assertTrue(first.jvmOptions().contains("-Dengine.kernel=default"), first.jvmOptions().toString());
        EngineEnvironment none = EngineEnvironment.outOfTheBox(List.of(SLEEP, KERNEL));
        assertEquals(Map.of(), none.environment());
        assertThrows(IllegalArgumentException.class, () -> EngineEnvironment.rung(List.of(SLEEP), 2));
    }

    @Test
    void theRecordSurvivesItsJsonRoundTrip() {
        EngineEnvironment environment = EngineEnvironment.polydl(List.of(SLEEP, KERNEL, YOUNG));
        assertEquals(environment, Json.MAPPER.convertValue(Json.MAPPER.valueToTree(environment), EngineEnvironment.class));
    }
}
