package dev.polydl.harness.run;

import dev.polydl.common.EngineSetting;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The runnable distribution that {@code mvn package} lays out: {@code lib/} holds the harness and
 * {@code frameworks/<id>/} one classpath per framework. A worker JVM gets exactly one framework
 * folder plus {@code lib/}; TensorFlow Java and Deeplearning4j (javacpp 1.5.11 vs 1.5.7) never meet.
 *
 * @param home the project checkout (sources, for the report's line counts and parity files)
 * @param dist the distribution folder
 */
public record Distribution(Path home, Path dist) {
    /** Report order of the four frameworks this project started with; any other follows alphabetically. */
    private static final List<String> FIRST = List.of("tensorflow", "pytorch", "mxnet", "dl4j");

    /** The distribution the launcher points at ({@code polydl.home}, {@code polydl.dist}), else the working directory's. */
    public static Distribution located() {
        Path home = Path.of(System.getProperty("polydl.home", ".")).toAbsolutePath().normalize();
        Path dist = Path.of(System.getProperty("polydl.dist", home.resolve("target/dist").toString())).toAbsolutePath().normalize();
        return new Distribution(home, dist);
    }

    public Path lib() {
        return dist.resolve("lib");
    }

    public Path frameworkFolder(String id) {
        return dist.resolve("frameworks").resolve(id);
    }

    /** Framework ids with a folder in the distribution, in report order. */
    public List<String> frameworks() {
        Path folder = dist.resolve("frameworks");
        if (!Files.isDirectory(folder)) {
            throw new IllegalStateException(folder + ": no framework folders; build the distribution with mvn package (./polydl does)");
        }
        try (Stream<Path> children = Files.list(folder)) {
            return children.filter(Files::isDirectory).map(path -> path.getFileName().toString()).sorted(reportOrder()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder, e);
        }
    }

    /** The frameworks a {@code --frameworks} option names (null: every one built), checked against the build. */
    public List<String> choose(List<String> requested) {
        List<String> built = frameworks();
        if (requested == null) {
            return built;
        }
        List<String> chosen = requested.stream().map(id -> id.trim().toLowerCase(java.util.Locale.ROOT)).distinct().toList();
        for (String id : chosen) {
            if (!built.contains(id)) {
                throw new UsageException("--frameworks: unknown framework '" + id + "' (built: " + String.join(", ", built) + ")");
            }
        }
        return chosen;
    }

    public static Comparator<String> reportOrder() {
        return Comparator.<String>comparingInt(id -> FIRST.contains(id) ? FIRST.indexOf(id) : FIRST.size()).thenComparing(id -> id);
    }

    /** The worker classpath: the framework's folder first (null: none, harness only), then the harness's. */
    public String classpath(String framework) {
        List<String> entries = new ArrayList<>();
        if (framework != null) {
            Path folder = frameworkFolder(framework);
            if (!Files.isDirectory(folder)) {
                throw new IllegalArgumentException("no framework '" + framework + "' in " + dist.resolve("frameworks"));
            }
            entries.add(folder.resolve("*").toString());
        }
        entries.add(lib().resolve("*").toString());
        return String.join(File.pathSeparator, entries);
    }

    /**
     * Variables that change how an engine or the JVM runs; a child JVM gets only those its engine environment sets.
     * The launcher's option variables would add JVM options, glibc's malloc variables are a setting of some engines.
     */
    static final List<String> ENGINE_VARIABLES = Stream.concat(Stream.of("OMP_WAIT_POLICY", "GOMP_SPINCOUNT", "OMP_PROC_BIND",
            "OMP_PLACES", "KMP_BLOCKTIME", "KMP_AFFINITY", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "MXNET_ENGINE_TYPE",
            "MXNET_CPU_WORKER_NTHREADS", "ATEN_CPU_CAPABILITY", "BACKEND_PRIORITY_CPU", "BACKEND_PRIORITY_GPU", "TF_ENABLE_ONEDNN_OPTS",
            "JAVA_TOOL_OPTIONS", "_JAVA_OPTIONS", "JDK_JAVA_OPTIONS", "MALLOC_ARENA_MAX", "GLIBC_TUNABLES"),
            EngineSetting.MALLOC_KEEPS_FREED_MEMORY.keySet().stream()).toList();

    /**
     * A JVM for one framework with an explicit thread count and its engine environment: {@code OMP_NUM_THREADS}
     * set (MXNet and ND4J size their pools from it at load), DJL kept offline, and the same JVM as this one.
     * A fatal error's report goes to {@code crashReport} instead of the working directory.
     */
    ProcessBuilder javaProcess(String framework, int threads, EngineEnvironment engine, String mainClass, List<String> args,
                               Path crashReport) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(engine.jvmOptions());
        command.add("-XX:ErrorFile=" + crashReport.toAbsolutePath());
        command.add("-Dai.djl.offline=true");
        command.add("-Dpolydl.threads=" + threads);
        command.add("-Djava.awt.headless=true");
        Path nativeCache = nativeCache();
        if (nativeCache != null) {
            command.add("-Dorg.bytedeco.javacpp.cachedir=" + nativeCache.resolve("javacpp"));
        }
        command.add("-cp");
        command.add(classpath(framework));
        command.add(mainClass);
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command);
        setEngineVariables(builder.environment(), threads, engine);
        if (nativeCache != null) {
            builder.environment().put("DJL_CACHE_DIR", nativeCache.resolve("djl").toString());
        }
        return builder;
    }

    /**
     * Only the engine environment decides the engine variables and the launcher's option variables: none may leak in
     * from the shell that started polydl, where they would change a timing without being recorded with it.
     */
    static void setEngineVariables(Map<String, String> environment, int threads, EngineEnvironment engine) {
        ENGINE_VARIABLES.forEach(environment::remove);
        environment.putAll(engine.environment());
        environment.put("OMP_NUM_THREADS", Integer.toString(threads));
        environment.put("OPT_OUT_TRACKING", "true");
    }

    /**
     * Where the engines unpack their native libraries, from {@code POLYDL_NATIVE_CACHE}; null for their defaults
     * under the home folder. On a cluster the home folder is shared, and tasks on several nodes would unpack into it
     * at once: the job scripts point it at the node's own disk.
     */
    private static Path nativeCache() {
        String folder = System.getenv("POLYDL_NATIVE_CACHE");
        return folder == null || folder.isBlank() ? null : Path.of(folder).toAbsolutePath();
    }
}
