package dev.polydl.common;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One knob of an engine that polydl sets, as data, so that the harness can apply it, record it and
 * measure what it is worth (the tuning ladder: each engine out of the box, then one setting more per
 * row). A provider lists its settings in {@link Framework#engineSettings()}, in ladder order.
 *
 * <p>Environment variables reach only processes the harness starts (engines read them when their
 * natives load). System properties are read by the provider itself, which applies polydl's choice
 * when a property is unset, so tests and the contract kit run polydl's configuration;
 * {@link #outOfTheBox()} holds the properties that ask a provider for the engine's own default instead.
 * JVM options, like environment variables, reach only the JVMs the harness starts; out of the box the
 * JVM runs without them.
 *
 * @param name             short label for tables, e.g. "OpenMP threads sleep when idle"
 * @param why              the reason, with the measurement it rests on or where it is documented
 * @param environment      environment variables of polydl's configuration (unset out of the box)
 * @param systemProperties system properties of polydl's configuration
 * @param jvmOptions       JVM options of polydl's configuration, e.g. the young generation's size (none out of the box)
 * @param outOfTheBox      system properties that give the engine's default behaviour instead
 * @param changesNumerics  true when the setting may change computed values; the contract kit runs with it on
 */
public record EngineSetting(String name, String why, Map<String, String> environment, Map<String, String> systemProperties,
                            List<String> jvmOptions, Map<String, String> outOfTheBox, boolean changesNumerics) {
    public EngineSetting {
        environment = sorted(environment);
        systemProperties = sorted(systemProperties);
        // descriptions written before JVM options were a setting's have none
        jvmOptions = jvmOptions == null ? List.of() : List.copyOf(jvmOptions);
        outOfTheBox = sorted(outOfTheBox);
    }

    /**
     * An unmodifiable copy in key order. {@code Map.copyOf} iterates in an order that changes from one JVM to the next,
     * and the result files written from these maps would then differ between runs of the same configuration.
     */
    private static Map<String, String> sorted(Map<String, String> map) {
        return Collections.unmodifiableMap(new TreeMap<>(Map.copyOf(map)));
    }

    /** A setting made by environment variables only. */
    public static EngineSetting environment(String name, String why, Map<String, String> environment) {
        return new EngineSetting(name, why, environment, Map.of(), List.of(), Map.of(), false);
    }

    /** A setting made by JVM options only (they cannot change computed values). */
    public static EngineSetting jvmOptions(String name, String why, List<String> options) {
        return new EngineSetting(name, why, Map.of(), Map.of(), options, Map.of(), false);
    }

    /** A setting made by system properties that the provider reads; {@code outOfTheBox} asks for the engine's default. */
    public static EngineSetting systemProperties(String name, String why, Map<String, String> properties,
                                                 Map<String, String> outOfTheBox, boolean changesNumerics) {
        return new EngineSetting(name, why, Map.of(), properties, List.of(), outOfTheBox, changesNumerics);
    }

    /**
     * glibc's malloc keeps the memory an engine frees: no trimming, no mmap for blocks under 32 MiB, 64 MiB of headroom.
     * By default it hands freed pages back to the kernel (madvise) and maps large blocks afresh, so an engine that
     * allocates its step's temporaries with malloc pays page faults and page zeroing on every step. Engines with their
     * own memory pool gain nothing; the provider says what it measured.
     */
    public static EngineSetting mallocKeepsFreedMemory(String measurement) {
        return environment("malloc keeps freed memory (glibc MALLOC_TRIM_THRESHOLD_, MALLOC_MMAP_THRESHOLD_, MALLOC_TOP_PAD_)",
                "the engine's step temporaries come from glibc malloc, which returns freed pages to the kernel and faults them "
                        + "in again on the next step; " + measurement,
                MALLOC_KEEPS_FREED_MEMORY);
    }

    /**
     * Steps between two clearings of Adam's moments where an engine lists {@link #adamDenormalFlush}: often enough that few
     * denormals build up in between, rarely enough that the flush costs under 1 % of the steps.
     */
    public static final int ADAM_DENORMAL_FLUSH_STEPS = 100;

    /**
     * Adam's moments cleared of denormal values every {@link #ADAM_DENORMAL_FLUSH_STEPS} steps, through {@code property},
     * which the provider reads with {@link #adamDenormalFlushSteps}; out of the box 0, never. For engines whose Adam kernel
     * is slow on denormals and has no flush-to-zero switch (TensorFlow flushes them in hardware); {@code why} says what
     * the provider measured.
     */
    public static EngineSetting adamDenormalFlush(String property, String why) {
        return systemProperties("Adam's moments cleared of denormals every " + ADAM_DENORMAL_FLUSH_STEPS + " steps", why,
                Map.of(property, Integer.toString(ADAM_DENORMAL_FLUSH_STEPS)), Map.of(property, "0"), true);
    }

    /**
     * Whether Adam's moments are cleared after its {@code step}-th step (counted from 1) when {@code flushSteps} apart (0:
     * never): after the first step and every {@code flushSteps}-th after it, so that the contract kit's few Adam steps
     * flush real moments, not the zeros before the first step.
     */
    public static boolean adamDenormalFlushAfter(long step, int flushSteps) {
        return flushSteps > 0 && (step - 1) % flushSteps == 0;
    }

    /** Steps between clearings that {@code property} asks for (0 or unset: never), read after the settings are applied. */
    public static int adamDenormalFlushSteps(String property) {
        return wholeNumber(property, System.getProperty(property, "0"), "steps (0: never)");
    }

    /** The variables of {@link #mallocKeepsFreedMemory}, which the harness also keeps out of every other engine's JVM. */
    public static final Map<String, String> MALLOC_KEEPS_FREED_MEMORY = Map.of("MALLOC_TRIM_THRESHOLD_", Long.toString(4L << 30),
            "MALLOC_MMAP_THRESHOLD_", Long.toString(32L << 20), "MALLOC_TOP_PAD_", Long.toString(64L << 20));

    /**
     * Sets the system properties of polydl's configuration that are not set already: a provider calls this before its
     * engine loads, so that tests and the kit run polydl's configuration and an explicit value (the ladder's) wins.
     */
    public static void applySystemProperties(List<EngineSetting> settings) {
        for (EngineSetting setting : settings) {
            setting.systemProperties().forEach((key, value) -> {
                if (System.getProperty(key) == null) {
                    System.setProperty(key, value);
                }
            });
        }
    }

    /** Whether a provider should apply polydl's choice for a switch property: yes unless it is set to "false". */
    public static boolean enabled(String property) {
        return !"false".equalsIgnoreCase(System.getProperty(property, "true"));
    }

    /**
     * The value of a provider's count property (threads, steps) as a whole number ≥ 0; otherwise an error that names the
     * property and the value.
     */
    public static int wholeNumber(String property, String value, String unit) {
        try {
            int number = Integer.parseInt(value);
            if (number >= 0) {
                return number;
            }
        } catch (NumberFormatException e) {
            // named below
        }
        throw new IllegalArgumentException(property + " must be a whole number of " + unit + ", was \"" + value + "\"");
    }
}
