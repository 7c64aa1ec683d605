package dev.polydl.harness.report;

import dev.polydl.harness.run.EngineEnvironment;
import java.util.stream.Collectors;

/** An engine environment as short table cells. */
final class EnvironmentText {
    private EnvironmentText() {
    }

    static String settings(EngineEnvironment environment) {
        return environment == null ? "—" : environment.settings().isEmpty() ? "none (engine defaults)" : String.join("; ", environment.settings());
    }

    static String variables(EngineEnvironment environment) {
        return environment == null || environment.environment().isEmpty() ? "—" : environment.environment().entrySet().stream()
                .map(e -> "`" + e.getKey() + "=" + e.getValue() + "`").collect(Collectors.joining(" "));
    }

    static String jvm(EngineEnvironment environment) {
        return environment == null ? "—" : environment.jvmOptions().stream().map(o -> "`" + o + "`").collect(Collectors.joining(" "));
    }
}
