package dev.polydl.harness.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.polydl.common.EngineSetting;
import dev.polydl.common.MatrixProduct;
import dev.polydl.common.ModelSpec;
import dev.polydl.harness.report.ReportGenerator;
import dev.polydl.harness.run.EngineEnvironment;
import dev.polydl.harness.run.Json;
import dev.polydl.harness.run.Machine;
import dev.polydl.harness.run.MachineSteadiness;
import dev.polydl.harness.run.ResultFolder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Merging the per-framework JMH JSON files, and the figures the report derives from them. */
class BenchResultsTest {
    private static final Machine MACHINE = new Machine("AMD EPYC", "AuthenticAMD family 25 model 17", "Zen 4",
            List.of("avx2", "fma", "avx512f"), 2, 23.5, "Debian 12", "OpenJDK 64-Bit Server VM 17.0.15", List.of());

    @TempDir
    Path temp;

    static String result(String method, String mode, String params, double score, String error, String unit, String raw) {
        return """
                {"jmhVersion":"1.37","benchmark":"dev.polydl.harness.bench.Benchmarks.%s","mode":"%s","forks":2,
                 "params":{%s},
                 "primaryMetric":{"score":%s,"scoreError":%s,"scoreUnit":"%s",
                   "scorePercentiles":{"50.0":0.5,"90.0":0.9,"99.0":0.99},"rawData":%s}}
                """.formatted(method, mode, params, score, error, unit, raw);
    }

    private static void write(Path file, String... results) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, "[" + String.join(",", results) + "]");
    }

    @Test
    void forkSpreadIsTheDistanceBetweenTheHighestAndLowestForkMeansAsAShareOfTheScore() {
        // fork means 2.5, 3.0 and 2.0 (the empty fork is ignored) of a score of 2.0: (3.0 - 2.0) / 2.0
        BenchResults.Row three = row(2.0, List.of(List.of(2.5), List.of(3.0, 3.0), List.of(), List.of(1.5, 2.5)));
        assertEquals(0.5, three.forkSpread(), 1e-12);
        assertTrue(Double.isNaN(row(2.0, List.of(List.of(1.0, 3.0))).forkSpread()), "one fork has no spread");
        assertTrue(Double.isNaN(row(2.0, List.of(List.of(1.0, 3.0), List.of())).forkSpread()), "an empty fork is no second fork");
    }

    private static BenchResults.Row row(double score, List<List<Double>> forks) {
        return new BenchResults.Row("trainStep", "avgt", Map.of(), score, 0.1, "ms/op", Map.of(), forks, 20, "1000 ms", List.of(), Double.NaN);
    }

    @Test
    void theCollectorsShareIsTheirTimeOverTheIterationsWhichEndWithTheStepUnderWay() {
        // steps of 0.5 ms fill a 1000 ms iteration exactly; steps of 400 ms end it after three, at 1200 ms;
        // JMH lists collection times only for the iterations that had one
        var fast = new BenchResults.Row("trainStep", "avgt", Map.of(), 0.5, 0.1, "ms/op", Map.of(),
                List.of(List.of(0.5, 0.5), List.of(0.5)), 20, "1000 ms", List.of(List.of(50.0), List.of(20.0)), 146_000);
        assertEquals(70.0 / 3000, fast.gcShare(), 1e-12);
        var slow = new BenchResults.Row("trainStep", "avgt", Map.of(), 400, 1, "ms/op", Map.of(),
                List.of(List.of(400.0, 400.0)), 20, "1 s", List.of(List.of(60.0)), 2e6);
        assertEquals(60.0 / 2400, slow.gcShare(), 1e-12);
        var noCollection = new BenchResults.Row("trainStep", "avgt", Map.of(), 400, 1, "ms/op", Map.of(),
                List.of(List.of(400.0)), 20, "1 s", List.of(), 500);
        assertEquals(0, noCollection.gcShare(), "profiled, and no collection in any iteration");
        assertTrue(Double.isNaN(row(2.0, List.of(List.of(2.0))).gcShare()), "without the GC profiler");
    }

    @Test
    void theGcProfilersResultsAreReadAndShownBesideTheStep() throws IOException {
        ResultFolder folder = new ResultFolder(temp.resolve("results"));
        String params = "\"framework\":\"dl4j\",\"model\":\"argsort\",\"device\":\"cpu\",\"batch\":\"128\"";
        String withGc = result("trainStep", "avgt", params, 0.5, "0.01", "ms/op", "[[0.5,0.5],[0.5,0.5]]")
                .replace("\"forks\":2,", "\"forks\":2,\"measurementTime\":\"1000 ms\",")
                .replace("}}", "},\"secondaryMetrics\":{"
                        + "\"gc.time\":{\"score\":200.0,\"scoreUnit\":\"ms\",\"rawData\":[[40.0,60.0],[50.0,50.0]]},"
                        + "\"gc.alloc.rate.norm\":{\"score\":146083.6,\"scoreUnit\":\"B/op\",\"rawData\":[[146083.6]]}}}");
        write(folder.bench().resolve("dl4j-train.json"), withGc);
        BenchResults.Row row = BenchResults.merge(List.of(folder)).get(0);
        assertEquals(List.of(List.of(40.0, 60.0), List.of(50.0, 50.0)), row.gcMs());
        assertEquals(146083.6, row.heapBytesPerStep(), 1e-9);
        assertEquals(0.05, row.gcShare(), 1e-12);
        String md = Files.readString(new ReportGenerator(List.of(folder), folder.root()).write());
        assertTrue(md.contains("| dl4j | argsort | 128 | 0.500 ± 0.010 | 2.0 % | 0.0 % | 5.0 % (146 kB) |"), md);
    }

    @Test
    void theLadderShowsEachSettingAgainstTheRowAbove() throws IOException {
        ResultFolder folder = new ResultFolder(temp.resolve("ladder"));
        List<EngineSetting> settings = List.of(EngineSetting.environment("threads sleep", "test", Map.of("OMP_WAIT_POLICY", "PASSIVE")));
        Path ladder = folder.bench().resolve("ladder");
        double[] scores = {20.0, 10.0};
        for (int rung = 0; rung < 2; rung++) {
            write(ladder.resolve("dl4j-rung" + rung + "-train.json"), result("trainStep", "avgt",
                    "\"framework\":\"dl4j\",\"model\":\"cnn\",\"device\":\"cpu\",\"batch\":\"128\"", scores[rung],
                    Double.toString(scores[rung] / 20), "ms/op", "[[1.0]]"));
            Json.write(ladder.resolve("runs").resolve("dl4j-rung" + rung + ".json"), new BenchHost.Run("dl4j", "dl4j-rung" + rung,
                    EngineEnvironment.rung(settings, rung), "nd4j-native test build " + rung, MACHINE, "0123456789ab"));
        }
        var rungs = Ladder.read(List.of(folder)).get("dl4j");
        assertEquals(2, rungs.size());
        assertEquals("threads sleep", rungs.get(1).added());
        assertEquals(Map.of("OMP_WAIT_POLICY", "PASSIVE"), rungs.get(1).run().environment().environment());
        String md = Files.readString(new ReportGenerator(List.of(folder), folder.root()).write());
        assertTrue(md.contains("| 0 | out of the box | 20.0 ± 1.0 | nd4j-native test build 0 |"), md);
        assertTrue(md.contains("| 1 | + threads sleep | 10.0 ± 0.5 (-50 %) | nd4j-native test build 1 |"), md);
    }

    @Test
    void rungsAboveAFrameworksSettingsAreForgottenAndOtherFrameworksKept() throws IOException {
        Path ladder = temp.resolve("bench").resolve("ladder");
        Path logs = temp.resolve("bench").resolve("logs");
        List<Path> kept = List.of(ladder.resolve("dl4j-rung0-train.json"), ladder.resolve("dl4j-rung1-train.json"),
                ladder.resolve("runs").resolve("dl4j-rung1.json"), logs.resolve("dl4j-rung1.log"), logs.resolve("dl4j.log"),
                ladder.resolve("mxnet-rung2-train.json"), ladder.resolve("dl4j4-rung9-train.json"));
        List<Path> stale = List.of(ladder.resolve("dl4j-rung2-train.json"), ladder.resolve("dl4j-rung12-train.json"),
                ladder.resolve("runs").resolve("dl4j-rung2.json"), ladder.resolve("failed").resolve("dl4j-rung2.json"),
                logs.resolve("dl4j-rung2.log"));
        for (Path file : concat(kept, stale)) {
            Files.createDirectories(file.getParent());
            Files.writeString(file, "[ ]");
        }
        Ladder.forgetRungsAbove(ladder, logs, "dl4j", 1);
        assertTrue(kept.stream().allMatch(Files::exists), "kept: " + kept);
        assertTrue(stale.stream().noneMatch(Files::exists), "removed: " + stale);

        Ladder.forgetRungsAbove(ladder, logs, "mxnet", -1); // a framework that no longer declares a setting has no ladder
        assertFalse(Files.exists(ladder.resolve("mxnet-rung2-train.json")));
        assertTrue(Files.exists(ladder.resolve("dl4j-rung0-train.json")));
    }

    private static List<Path> concat(List<Path> first, List<Path> second) {
        return java.util.stream.Stream.concat(first.stream(), second.stream()).toList();
    }

    @Test
    void filesOfEveryHostMergeAndALaterFolderWins() throws IOException {
        ResultFolder first = new ResultFolder(temp.resolve("a"));
        ResultFolder second = new ResultFolder(temp.resolve("b"));
        String params = "\"framework\":\"pytorch\",\"model\":\"fcn\",\"device\":\"cpu\",\"batch\":\"32\"";
        write(first.bench().resolve("pytorch-steady.json"), result("trainStep", "avgt", params, 2.0, "\"NaN\"", "ms/op", "[[2.0],[2.0]]"));
        write(first.bench().resolve("noop-steady.json"), result("trainStep", "avgt", params.replace("pytorch", "noop"), 0.001, "0.0001", "ms/op", "[[0.001]]"));
        write(second.bench().resolve("pytorch-steady.json"), result("trainStep", "avgt", params, 3.0, "0.5", "ms/op", "[[3.0],[3.0]]"));

        List<BenchResults.Row> rows = BenchResults.merge(List.of(first, second));
        assertEquals(2, rows.size());
        BenchResults.Row pytorch = rows.stream().filter(r -> r.param("framework").equals("pytorch")).findFirst().orElseThrow();
        assertEquals(3.0, pytorch.score());
        assertEquals(0.5, pytorch.error());
        assertEquals(2, pytorch.forks().size());
        assertTrue(Double.isNaN(BenchResults.merge(List.of(first)).stream().filter(r -> r.param("framework").equals("pytorch"))
                .findFirst().orElseThrow().error()), "JMH's \"NaN\" error reads as NaN");
    }

    @Test
    void theSteadinessProbesNameTheHostsWhoseRunTheyBracket() throws IOException {
        ResultFolder folder = new ResultFolder(temp.resolve("results"));
        String fcn = "\"framework\":\"%s\",\"model\":\"fcn\",\"device\":\"cpu\",\"batch\":\"128\"";
        write(folder.bench().resolve("dl4j-steady.json"), result("trainStep", "avgt", fcn.formatted("dl4j"), 10.0, "0.1", "ms/op", "[[10.0]]"));
        Json.write(folder.benchSteadiness(), List.of(
                new MachineSteadiness(MachineSteadiness.AFTER, "loop", 2, List.of(0.5, 0.5), 0, null, List.of("dl4j"))));
        String md = Files.readString(new ReportGenerator(List.of(folder), folder.root()).write());
        assertTrue(md.contains("before and after the benchmarks of dl4j the driver JVM timed"), md);
        assertTrue(md.contains("| when | threads |"), md);
        assertFalse(md.contains("around the run of"), md);

        Json.write(folder.benchSteadiness(), List.of(
                new MachineSteadiness(MachineSteadiness.BEFORE, "loop", 2, List.of(0.4, 0.6), 0, null, List.of("noop", "tensorflow")),
                new MachineSteadiness(MachineSteadiness.AFTER, "loop", 2, List.of(0.5, 0.5), 0, null),
                new MachineSteadiness(MachineSteadiness.AFTER, "loop", 2, List.of(0.5, 0.5), 0, null, List.of("dl4j"))));
        md = Files.readString(new ReportGenerator(List.of(folder), folder.root()).write());
        assertTrue(md.contains("before and after the benchmarks the driver JVM timed"), md);
        assertTrue(md.contains("| around the run of | when | threads |"), md);
        assertTrue(md.contains("| noop, tensorflow | before | 2 | 0.500 (0.400–0.600) |"), md);
        assertTrue(md.contains("| an earlier run | after | 2 | 0.500 (0.500–0.500) |"), md);
        assertTrue(md.contains("| dl4j | after | 2 | 0.500 (0.500–0.500) |"), md);
    }

    @Test
    void reportStatesOverheadAndShareOfThePeakFromTheRows() throws IOException {
        ResultFolder folder = new ResultFolder(temp.resolve("results"));
        String cnn = "\"framework\":\"%s\",\"model\":\"cnn\",\"device\":\"cpu\",\"batch\":\"128\"";
        write(folder.bench().resolve("tensorflow-steady.json"),
                result("trainStep", "avgt", cnn.formatted("tensorflow"), 200.0, "10.0", "ms/op", "[[220.0,200.0],[200.0,180.0]]")
                        .replace("\"forks\":2,", "\"forks\":2,\"measurementTime\":\"1200 ms\","),
                result("matmul", "thrpt", "\"framework\":\"tensorflow\",\"device\":\"cpu\",\"size\":\"1024\"", 40.0, "1.0", "ops/s", "[[40.0],[40.0]]"),
                result("build", "ss", "\"framework\":\"tensorflow\",\"model\":\"cnn\",\"device\":\"cpu\"", 0, "0", "ms/op",
                        "[[900.0,100.0,110.0],[700.0,90.0,100.0]]"));
        write(folder.bench().resolve("noop-steady.json"), result("trainStep", "avgt", cnn.formatted("noop"), 0.02, "0.001", "ms/op", "[[0.02]]"));
        Json.write(folder.benchSteadiness(), List.of(new MachineSteadiness(MachineSteadiness.BEFORE, "loop", 2, List.of(0.4, 0.6), 0.5, null)));
        Json.write(folder.bench().resolve("runs").resolve("tensorflow.json"), new BenchHost.Run("tensorflow", "tensorflow",
                EngineEnvironment.harnessOnly(), "tf build", MACHINE, "0123456789ab"));

        Json.write(BenchHost.failedFile(folder.bench(), "pytorch"), List.of(new BenchFailure("trainStep", Map.of("batch", "512"))));
        Json.write(BenchHost.failedFile(folder.bench(), "tensorflow"), List.of());

        String md = Files.readString(new ReportGenerator(List.of(folder), folder.root()).write());
        assertTrue(md.contains("**Benchmarks that threw and have no result** (their rows are missing below):\n\n"
                + "- pytorch: `trainStep` {batch=512} (see `bench/logs/pytorch.log`)\n\n"), md);
        assertTrue(md.contains("before and after the benchmarks the driver JVM timed"), md);
        // the noop row's JSON has no iteration length, as from a JMH that does not write it
        assertTrue(md.contains(" Each step time is the mean of 1 fork × 1 iteration or 2 forks × 2 iterations of 1200 ms.\n"), md);
        assertTrue(md.contains("| before | 2 | 0.500 (0.400–0.600) | 20.0 % **noisy** | 0.50 |"), md);
        assertTrue(md.contains("Measured on AMD EPYC (Zen 4), 2 cores, AVX-512; polydl build 0123456789ab (every host)."), md);
        double peak = 40.0 * MatrixProduct.flops(1024) / 1e9;
        double achieved = ModelSpec.CNN.trainStepFlops() * 128 / 0.2 / 1e9;
        assertTrue(md.contains(String.format(Locale.ROOT, "| tensorflow | %.1f |", peak)), md);
        // fork means 210 and 190 of a 200 ms step: 10.0 % apart
        assertTrue(md.contains(String.format(Locale.ROOT, "| tensorflow | cnn | 128 | 200 ± 10 | 5.0 %% | 10.0 %% | — | 640 | %.2f | %.1f %% | 0.010 %% |",
                achieved, 100 * achieved / peak)), md);
        // cold = first shot of each fork (900, 700); warm = the rest (100, 110, 90, 100)
        assertTrue(md.contains("| tensorflow | cnn | 800 ± 141 | 100 ± 8 | — |"), md);
        assertTrue(Files.size(folder.root().resolve("charts/bench-train-step.png")) > 1000);
    }

    @Test
    void eachLadderSaysWhereAndWithWhichBuildItWasMeasured() throws IOException {
        ResultFolder folder = new ResultFolder(temp.resolve("ladder"));
        Path ladder = folder.bench().resolve("ladder");
        String params = "\"framework\":\"dl4j\",\"model\":\"fcn\",\"device\":\"cpu\",\"batch\":\"32\"";
        List<EngineSetting> settings = List.of(EngineSetting.environment("threads sleep", "test", Map.of("OMP_WAIT_POLICY", "PASSIVE")));
        for (int rung = 0; rung < 2; rung++) {
            write(ladder.resolve(Ladder.hostName("dl4j", rung) + "-train.json"),
                    result("trainStep", "avgt", params, 10.0 - rung, "0.5", "ms/op", "[[10.0],[10.0]]"));
            Json.write(ladder.resolve("runs").resolve(Ladder.hostName("dl4j", rung) + ".json"), new BenchHost.Run("dl4j",
                    Ladder.hostName("dl4j", rung), EngineEnvironment.rung(settings, rung), "nd4j build", MACHINE, "0123456789ab"));
        }
        String md = Files.readString(new ReportGenerator(List.of(folder), folder.root()).write());
        assertTrue(md.contains("| 1 | + threads sleep | 9.00 ± 0.50 (-10 %) | nd4j build |\n\n"
                + "Measured on AMD EPYC (Zen 4), 2 cores, AVX-512; polydl build 0123456789ab.\n"), md);
    }

    @Test
    void aLayoutOnlyBenchIntoAnEmptyFolderStillReportsTheLayoutCost() throws IOException {
        ResultFolder folder = new ResultFolder(temp.resolve("layout-only"));
        String params = "\"framework\":\"dl4j\",\"model\":\"cnn\",\"batch\":\"32\",\"layout\":\"%s\"";
        write(folder.bench().resolve("dl4j-layout.json"),
                result(Benchmarks.LAYOUT_METHOD, "avgt", params.formatted(Benchmarks.KERNELS_CHANNELS_FIRST), 50.0, "2.0", "ms/op", "[[50.0]]"),
                result(Benchmarks.LAYOUT_METHOD, "avgt", params.formatted(Benchmarks.KERNELS_CHANNELS_LAST), 75.0, "3.0", "ms/op", "[[75.0]]"));
        String md = Files.readString(new ReportGenerator(List.of(folder), folder.root()).write());
        assertTrue(md.contains("| dl4j | 32 | 50.0 ± 2.0 | 75.0 ± 3.0 | +50 % |"), md);
    }

    @Test
    void aFullRunForgetsAnEarlierLayoutOnlyRunsRecordButKeepsItsOwn() throws IOException {
        Path out = temp.resolve("bench");
        Path layoutRecord = out.resolve("runs").resolve(BenchHost.recordName("dl4j", BenchHost.LAYOUT) + ".json");
        Path ownRecord = out.resolve("runs").resolve(BenchHost.recordName("dl4j", BenchHost.FULL) + ".json");
        for (Path file : List.of(layoutRecord, ownRecord, BenchHost.failedFile(out, "dl4j-layout"), BenchHost.failedFile(out, "dl4j"))) {
            write(file);
        }
        BenchHost.forgetLayoutOnlyRun(out, "dl4j");
        assertFalse(Files.exists(layoutRecord));
        assertFalse(Files.exists(BenchHost.failedFile(out, "dl4j-layout")));
        assertTrue(Files.exists(ownRecord));
        assertTrue(Files.exists(BenchHost.failedFile(out, "dl4j")));
    }
}
