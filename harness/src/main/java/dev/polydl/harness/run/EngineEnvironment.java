package dev.polydl.harness.run;

import dev.polydl.common.EngineSetting;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The environment one engine's JVM runs in: environment variables and JVM options, with the names of
 * the engine settings they come from. The harness starts every worker, JMH host and (through the
 * host) JMH fork with one of these, and records it with every result.
 *
 * @param settings    names of the engine settings applied, in ladder order
 * @param outOfTheBox names of the engine settings left at the engine's default, in ladder order
 * @param environment environment variables beyond the thread count
 * @param jvmOptions  JVM options: {@link #JVM_OPTIONS} first, then the settings' JVM options, then their system properties
 */
public record EngineEnvironment(List<String> settings, List<String> outOfTheBox, Map<String, String> environment,
                                List<String> jvmOptions) {
    /**
     * The same collector and heap for every engine on every machine: JVM ergonomics would otherwise pick
     * them from the machine (the serial collector below 2 CPUs, a quarter of the memory as heap). Engines
     * keep tensors off the heap; 4 GiB holds Fashion-MNIST's batches twice over.
     */
    public static final List<String> JVM_OPTIONS = List.of("-XX:+UseG1GC", "-Xms512m", "-Xmx4g");

    public EngineEnvironment {
        settings = List.copyOf(settings);
        outOfTheBox = List.copyOf(outOfTheBox);
        environment = new TreeMap<>(environment);
        jvmOptions = List.copyOf(jvmOptions);
    }

    /** polydl's configuration: every setting on. */
    public static EngineEnvironment polydl(List<EngineSetting> settings) {
        return rung(settings, settings.size());
    }

    /** The engine's own defaults: no setting on, only the harness's JVM options. */
    public static EngineEnvironment outOfTheBox(List<EngineSetting> settings) {
        return rung(settings, 0);
    }

    /** A JVM that runs no engine (describing a framework, the no-op baseline). */
    public static EngineEnvironment harnessOnly() {
        return rung(List.of(), 0);
    }

    /** The same environment with {@code variables} added: what a device needs, which is no rung of the ladder. */
    public EngineEnvironment withEnvironment(Map<String, String> variables) {
        if (variables.isEmpty()) {
            return this;
        }
        Map<String, String> merged = new TreeMap<>(environment);
        merged.putAll(variables);
        return new EngineEnvironment(settings, outOfTheBox, merged, jvmOptions);
    }

    /** Rung {@code on} of the tuning ladder: the first {@code on} settings applied, the others at the engine's default. */
    public static EngineEnvironment rung(List<EngineSetting> settings, int on) {
        if (on < 0 || on > settings.size()) {
            throw new IllegalArgumentException("rung " + on + " of a ladder of " + settings.size() + " settings");
        }
        List<String> applied = new ArrayList<>();
        List<String> left = new ArrayList<>();
        Map<String, String> environment = new TreeMap<>();
        Map<String, String> properties = new TreeMap<>();
        List<String> options = new ArrayList<>(JVM_OPTIONS);
        for (int i = 0; i < settings.size(); i++) {
            EngineSetting setting = settings.get(i);
            if (i < on) {
                applied.add(setting.name());
                environment.putAll(setting.environment());
                properties.putAll(setting.systemProperties());
                options.addAll(setting.jvmOptions());
            } else {
                left.add(setting.name());
                properties.putAll(setting.outOfTheBox());
            }
        }
        properties.forEach((key, value) -> options.add("-D" + key + "=" + value));
        return new EngineEnvironment(applied, left, environment, options);
    }
}
