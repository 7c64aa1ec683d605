package dev.polydl.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.polydl.harness.bench.BenchHost;
import dev.polydl.harness.bench.BenchResults;
import dev.polydl.harness.run.Distribution;
import dev.polydl.harness.run.EngineEnvironment;
import dev.polydl.harness.run.Json;
import dev.polydl.harness.run.ResultFolder;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The distribution keeps frameworks apart, and {@code polydl bench} runs each in its own JMH host JVM. */
class DistributionIT {
    private final Distribution distribution = Distribution.located();

    @TempDir
    Path temp;

    private static Set<String> jars(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(f -> f.getFileName().toString()).collect(Collectors.toSet());
        }
    }

    private static boolean any(Set<String> jars, String prefix) {
        return jars.stream().anyMatch(jar -> jar.startsWith(prefix));
    }

    @Test
    void everyFrameworkHasItsOwnFolderAndTensorFlowNeverMeetsDl4j() throws IOException {
        assertEquals(List.of("tensorflow", "pytorch", "mxnet", "dl4j"), distribution.frameworks());
        Set<String> tensorflow = jars(distribution.frameworkFolder("tensorflow"));
        Set<String> dl4j = jars(distribution.frameworkFolder("dl4j"));
        Set<String> lib = jars(distribution.lib());
        assertTrue(tensorflow.contains("javacpp-1.5.11.jar"), tensorflow.toString());
        assertTrue(dl4j.contains("javacpp-1.5.7.jar"), dl4j.toString());
        assertTrue(dl4j.contains("nd4j-native-1.0.0-M2.1-linux-x86_64-onednn-avx512.jar")
                && dl4j.contains("nd4j-native-1.0.0-M2.1-linux-x86_64-onednn-avx2.jar"), "DL4J's CPU-matched builds: " + dl4j);
        assertFalse(any(tensorflow, "nd4j") || any(tensorflow, "deeplearning4j") || any(tensorflow, "api-0.32"), "no DL4J or DJL beside TF");
        assertFalse(any(dl4j, "tensorflow") || any(dl4j, "javacpp-1.5.11"), "no TensorFlow beside DL4J");
        for (String engine : List.of("tensorflow", "nd4j", "deeplearning4j", "pytorch", "mxnet", "javacpp", "api-")) {
            assertFalse(any(lib, engine), "the harness folder holds no engine: " + engine);
        }
        String classpath = distribution.classpath("tensorflow");
        assertEquals(List.of(distribution.frameworkFolder("tensorflow").resolve("*").toString(), distribution.lib().resolve("*").toString()),
                List.of(classpath.split(File.pathSeparator)));
    }

    @Test
    void aLadderOnlyDryRunPlansTheLadderSettingsAndWritesNothing() {
        Path out = temp.resolve("ladder");
        String plan = Printed.by(() -> assertEquals(0, Main.execute("bench", "--ladder-only", "--frameworks", "pytorch", "--threads", "2",
                "--out", out.toString(), "--dry-run")));
        // PyTorch declares one setting: rung 0 (out of the box) and rung 1, each timing FCN and CNN at batch 32 and 128
        assertTrue(plan.contains("bench: pytorch on cpu, 2 threads, tuning ladder: 2 runs of fcn,cnn × batch 32,128 (2 forks; "
                + "training step only: warm-up in steps of at most 20 s, then 1 + 6 iterations of 400 ms)"), plan);
        assertFalse(plan.contains("single shots"), "the main run's settings do not apply: " + plan);
        assertFalse(Files.exists(out.resolve("bench")), "a dry run wrote into " + out);
    }

    @Test
    void aBenchDryRunPlansThreeTrainingStepForksAndTwoForTheRest() {
        Path out = temp.resolve("plan");
        String plan = Printed.by(() -> assertEquals(0, Main.execute("bench", "--no-ladder", "--frameworks", "pytorch", "--threads", "2",
                "--out", out.toString(), "--dry-run")));
        assertTrue(plan.contains("2 threads, 2 forks, 2×400 ms warm-up, 3×400 ms measurement (training step: 3 forks, warm-up in steps "
                + "of at most 20 s, then 1 + 12 iterations of 1000 ms)"), plan);
        assertFalse(Files.exists(out.resolve("bench")), "a dry run wrote into " + out);
    }

    @Test
    void benchRunsEachFrameworkInItsOwnJmhHostAndMergesTheResults() throws IOException {
        Path out = temp.resolve("bench");
        assertEquals(0, Main.execute("bench", "--frameworks", "pytorch", "--models", "argsort", "--batch-sizes", "32", "--threads", "2",
                "--train-iteration", "300ms", "--out", out.toString()));
        ResultFolder folder = new ResultFolder(out);
        List<BenchResults.Row> rows = BenchResults.merge(List.of(folder));
        Set<String> hosts = rows.stream().map(r -> r.param("framework")).collect(Collectors.toSet());
        assertEquals(Set.of("noop", "pytorch"), hosts);
        Set<String> pytorchMethods = rows.stream().filter(r -> r.param("framework").equals("pytorch")).map(BenchResults.Row::method)
                .collect(Collectors.toSet());
        assertEquals(Set.of("trainStep", "latency", "throughput", "build", "firstCall", "matmul"), pytorchMethods);
        for (BenchResults.Row row : rows) {
            assertTrue(row.score() > 0 || row.method().equals("build") || row.method().equals("firstCall"), row.toString());
            if (!row.mode().equals("sample")) {
                // sample-time results carry histograms instead of raw scores; training steps get a third fork
                assertEquals(row.method().equals("trainStep") ? 3 : 2, row.forks().size(), "forks: " + row);
            }
        }
        assertTrue(rows.stream().filter(r -> r.method().equals("trainStep")).allMatch(r -> Double.isNaN(r.heapBytesPerStep())),
                "the training steps ran without JMH's GC profiler, which only --gc-profiler adds: " + rows);
        BenchHost.Run run = Json.read(folder.bench().resolve("runs").resolve("pytorch.json"), BenchHost.Run.class);
        assertTrue(run.nativeBuild().startsWith("libtorch"), run.nativeBuild());
        assertEquals(EngineEnvironment.JVM_OPTIONS, run.environment().jvmOptions());
        String report = Files.readString(out.resolve("REPORT.md"));
        assertTrue(report.contains("Machine peak: **"), report);
        assertTrue(report.contains("| pytorch | argsort | 32 |"), report);
        assertTrue(report.contains(" Each step time is the mean of 3 forks × "), report);
        assertTrue(report.contains(" iterations of 300 ms."), "the training steps' iterations as chosen: " + report);
    }
}
