package dev.polydl.harness.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.polydl.common.EngineSetting;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DistributionTest {
    @Test
    void aChildGetsItsEngineEnvironmentAndNoEngineOrLauncherVariableFromTheShell() {
        Map<String, String> shell = new HashMap<>(Map.of("PATH", "/usr/bin", "JDK_JAVA_OPTIONS", "-XX:MaxGCPauseMillis=20",
                "JAVA_TOOL_OPTIONS", "-Xint", "OMP_WAIT_POLICY", "PASSIVE", "MALLOC_TRIM_THRESHOLD_", "0", "MALLOC_TOP_PAD_", "0"));
        EngineSetting spin = EngineSetting.environment("spin", "a test", Map.of("OMP_WAIT_POLICY", "ACTIVE"));

        Distribution.setEngineVariables(shell, 3, EngineEnvironment.polydl(List.of(spin)));

        assertEquals(Map.of("PATH", "/usr/bin", "OMP_WAIT_POLICY", "ACTIVE", "OMP_NUM_THREADS", "3", "OPT_OUT_TRACKING", "true"), shell);
    }
}
