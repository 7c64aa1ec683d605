package dev.polydl.harness.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.polydl.common.ModelSpec;
import dev.polydl.harness.run.CellResult;
import dev.polydl.harness.run.CellSpec;
import dev.polydl.harness.run.DataSpec;
import dev.polydl.harness.run.EngineEnvironment;
import dev.polydl.harness.run.Json;
import dev.polydl.harness.run.Machine;
import dev.polydl.harness.run.MachineSteadiness;
import dev.polydl.harness.run.PortResult;
import dev.polydl.harness.run.PortSpec;
import dev.polydl.harness.run.Provenance;
import dev.polydl.harness.run.ResultFolder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report is computed from the result files: these results are made up, and every figure checked is derived from them. */
class ReportGeneratorTest {
    private static final DataSpec DATA = new DataSpec(DataSpec.MNIST_SAMPLE, null, null, 42);
    private static final Machine ZEN3 = new Machine("AMD EPYC 7R13", "AuthenticAMD family 25 model 1", "Zen 3", List.of("avx2", "fma"), 2,
            16, "Debian 12", "OpenJDK 17", List.of());
    private static final Machine ZEN5 = new Machine("AMD EPYC 9R45", "AuthenticAMD family 26 model 2", "Zen 5",
            List.of("avx2", "fma", "avx512f"), 2, 24, "Debian 12", "OpenJDK 17", List.of());

    @TempDir
    Path temp;

    private static CellResult result(String framework, String task, String layout, int repeat, String status, Double metric,
                                     List<Double> epochSeconds, String startedAt) {
        return result(framework, task, layout, repeat, status, metric, epochSeconds, startedAt, null);
    }

    private static CellResult result(String framework, String task, String layout, int repeat, String status, Double metric,
                                     List<Double> epochSeconds, String startedAt, Machine machine) {
        var spec = new CellSpec(CellSpec.id(task, framework, "cpu", layout, repeat), framework, task, "cpu", layout, repeat, repeat,
                epochSeconds.size(), 0, 32, "adam", 1e-3, 2, 30, DATA, EngineEnvironment.harnessOnly(),
                machine == null ? null : new Provenance(machine, "0123456789ab"));
        var timings = new CellResult.Timings(100, 50, 20, 5, epochSeconds, epochSeconds.stream().map(s -> 8000 / s).toList(), 500,
                List.of(10.0, 12.0, 14.0), 40_000,
                // the JIT compiles 100 ms in the second epoch; GC too little to name; steal unknown; CPU time not recorded
                IntStream.range(0, epochSeconds.size()).mapToObj(e -> new CellResult.Interference(e == 1 ? 100 : 0, 1, Double.NaN, 0, 0)).toList(),
                new CellResult.WarmUp(30, 30.5, 900, 0.031, CellResult.WarmUp.LIMIT));
        var curves = new CellResult.Curves(2, List.of(2.0, 1.0, 0.5, 0.4), List.of(30.0, 20.0, 20.0, 22.0),
                epochSeconds.stream().map(s -> 0.9).toList());
        return new CellResult(spec, status, status.equals(CellResult.OK) ? null : "loss became NaN at epoch 1, step 2",
                new CellResult.FrameworkInfo(framework, framework + " display", "1.0", "native 2.0", "native 2.0 test build"), "17.0.15", startedAt, 30,
                timings, curves, metric, "accuracy", 512L << 20, null, null);
    }

    @Test
    void tablesChartsAndMetadataComeFromTheResultFiles() throws IOException {
        ResultFolder folder = new ResultFolder(temp.resolve("results"));
        Json.write(folder.cell("a"), result("pytorch", "fcn", "channels-first", 1, CellResult.OK, 0.95, List.of(3.0, 2.0, 2.2), "2026-01-01T00:00:00Z"));
        Json.write(folder.cell("b"), result("pytorch", "fcn", "channels-first", 2, CellResult.OK, 0.97, List.of(3.0, 2.4, 2.0), "2026-01-01T00:01:00Z"));
        Json.write(folder.cell("c"), result("dl4j", "fcn", "channels-first", 1, CellResult.DIVERGED, null, List.of(4.0), "2026-01-01T00:02:00Z"));
        Json.write(folder.cell("d"), result("dl4j", "cnn", "channels-first", 1, CellResult.OK, 0.98, List.of(9.0, 8.0), "2026-01-01T00:03:00Z"));
        Json.write(folder.cell("e"), result("dl4j", "cnn", "channels-last", 1, CellResult.OK, 0.97, List.of(9.0), "2026-01-01T00:04:00Z"));
        var source = new PortSpec.Source("fcn-pytorch-cpu-r1", "pytorch", "fcn", "w.safetensors", 0.95);
        Json.write(folder.portability().resolve("dl4j.json"), new PortResult(new PortSpec("p", "dl4j", "cpu", 2, DATA, List.of(source),
                EngineEnvironment.harnessOnly(), null),
                CellResult.OK, null, new CellResult.FrameworkInfo("dl4j", "DL4J", "1", "2", "dl4j portability build"), "t", 3, List.of(new PortResult.Entry("fcn", source.cell(), "pytorch", 0.9493, null))));
        Json.write(folder.machine(), Map.of("cpu", "Test CPU 3000", "logicalCores", 2));
        Json.write(folder.steadiness(), List.of(
                new MachineSteadiness(MachineSteadiness.BEFORE, "loop", 1, List.of(0.5, 0.5), 0.0, null),
                new MachineSteadiness(MachineSteadiness.AFTER, "loop", 2, List.of(0.5, 0.6), Double.NaN, null)));

        Path report = new ReportGenerator(List.of(folder), folder.root()).write();
        String md = Files.readString(report);

        // mean ± sample sd of 0.95 and 0.97
        assertTrue(md.contains("| fcn | 0.9600 ± 0.0141 (n=2) | diverged |"), md);
        // epochs after the first: 2.0, 2.2, 2.4, 2.0 → mean 2.15, sd 0.19
        assertTrue(md.contains("| 3.00 ± 0.00 | 2.15 ± 0.19 |"), md);
        assertTrue(md.contains("| fcn-dl4j-cpu-r1 | diverged | loss became NaN at epoch 1, step 2 |"), md);
        // the setup row of the CNN is the full cell's (2 epochs), not the channels-last variant's (1 epoch), which sorts first
        assertTrue(md.contains(String.format(Locale.ROOT, "| cnn | %,d | 2 | 32 | adam |", ModelSpec.CNN.parameterCount())), md);
        // the timings are over ok cells only: DL4J's FCN diverged, so the FCN timings have no DL4J row
        String timings = md.substring(md.indexOf("## Timings"));
        String fcnTimings = timings.substring(timings.indexOf("### fcn"), timings.indexOf("### cnn"));
        assertTrue(fcnTimings.contains("| pytorch |"), fcnTimings);
        assertFalse(fcnTimings.contains("| dl4j |"), fcnTimings);
        // steps after the first 10 of 4 recorded: the last one only (22 ms) against the same step (22 ms)
        assertTrue(md.contains("| dl4j | channels-last | 4 | 22.0 | +0 % |"), md);
        assertTrue(md.contains("| pytorch | 0.9493 |"), md);
        assertTrue(md.contains("Largest difference from the training framework's own result: 0.0007."), md);
        assertTrue(md.contains("- cpu: Test CPU 3000"), md);
        assertTrue(md.contains("Native build each evaluating worker loaded:\n\n- dl4j: dl4j portability build\n"), md);
        // spread of the worst repeat: epochs 2.4, 2.0 after the first → sd 0.2 / mean 2.2; repeat 1 has 4.8 %
        assertTrue(md.contains("| 9.1 % **noisy** |"), md);
        // repeat 2's later epochs last 4.4 s, 100 ms of it JIT; the machine's worst probe: sd 0.05 / mean 0.55
        assertTrue(md.contains("- pytorch: 9.1 % over 2 epochs; epoch times scatter without a trend; JIT compilation took 100 ms during "
                + "the later epochs (2.3 % of their wall time; most in epoch 2: 100 ms); the warm-up reached its limit of 30 s with the JIT "
                + "still at 3.1 % of its last window; the machine itself varied 9.1 % in the steadiness probe\n"), md);
        // every cell's warm-up ran 30.5 s and ended at its 30 s limit
        assertTrue(fcnTimings.contains("| pytorch | 50 ± 0 | 100 ± 0 | 20.0 ± 0.0 | 31 ± 0 (limit) |"), fcnTimings);
        assertTrue(md.contains("- Warm-up before the timed epochs: untimed training in windows of 1 s, each on a fresh throwaway session of "
                + "the same model from its initial weights and then one test pass, until at least 6000 steps had run (1.2 × the 5000 calls "
                + "after which HotSpot compiles a method with C2, so that what a step calls once is compiled) and the JIT took less than "
                + "2 % of 2 windows in a row, at most 30 s.\n"), md);
        assertTrue(md.contains("| before | 1 | 0.500 (0.500–0.500) | 0.0 % | 0.00 |"), md);
        assertTrue(md.contains("| after | 2 | 0.550 (0.500–0.600) | 9.1 % **noisy** | unknown |"), md);
        assertTrue(md.contains("\n\nOn this machine the workload scattered more on 2 threads (up to 9.1 %) than on 1 (at most 0.0 %), with no "
                + "engine in it"), md);
        assertTrue(md.contains("| native 2.0 test build |"), md);
        assertTrue(md.contains("| pytorch | none (engine defaults) | — | `-XX:+UseG1GC` `-Xms512m` `-Xmx4g` |"), md);
        assertFalse(md.contains("Charts not drawn"), md);
        for (String chart : List.of("epoch-time.png", "loss-fcn.png", "loss-cnn.png")) {
            assertTrue(md.contains("(charts/" + chart + ")"), chart);
            assertTrue(Files.size(folder.root().resolve("charts").resolve(chart)) > 1000, chart);
        }
        assertTrue(Files.readString(folder.root().resolve("report.html")).contains("<table>"));
    }

    @Test
    void layoutsThatRanOnDifferentNativeBuildsSaySo() throws IOException {
        ResultFolder folder = new ResultFolder(temp.resolve("layouts"));
        Json.write(folder.cell("d"), result("dl4j", "cnn", "channels-first", 1, CellResult.OK, 0.98, List.of(9.0, 8.0), "2026-01-01T00:03:00Z"));
        CellResult last = result("dl4j", "cnn", "channels-last", 1, CellResult.OK, 0.97, List.of(9.0), "2026-01-01T00:04:00Z");
        Json.write(folder.cell("e"), new CellResult(last.spec(), last.status(), last.reason(), new CellResult.FrameworkInfo("dl4j",
                "dl4j display", "1.0", "native 2.0", "native 2.0 without helpers"), last.javaVersion(), last.startedAt(), last.wallSeconds(),
                last.timings(), last.curves(), last.metric(), last.metricName(), last.peakRssBytes(), last.weights(), null));
        String md = Files.readString(new ReportGenerator(List.of(folder), folder.root()).write());
        assertTrue(md.contains("- dl4j: channels-first ran on native 2.0 test build; channels-last on native 2.0 without helpers"), md);
    }

    @Test
    void theTransferSectionTimesPretrainingAndTransferApartAndComparesTheirSteps() throws IOException {
        ResultFolder folder = new ResultFolder(temp.resolve("transfer"));
        CellResult cell = result("tensorflow", "transfer", "channels-first", 1, CellResult.OK, 0.9712, List.of(1.0, 1.2), "2026-01-01T00:00:00Z");
        // full steps 30, 40, 40, 50 ms (median 40); frozen steps 30, 20, 20, 22 ms (median 22)
        var pretraining = new CellResult.Pretraining("mnist-sample [classes 0–4]", List.of(4.0, 3.0),
                new CellResult.Curves(2, List.of(2.0, 1.0, 0.6, 0.5), List.of(30.0, 40.0, 40.0, 50.0), List.of(0.97, 0.985)), 0.985);
        Json.write(folder.cell("t"), new CellResult(cell.spec(), cell.status(), null, cell.framework(), cell.javaVersion(), cell.startedAt(),
                cell.wallSeconds(), cell.timings(), cell.curves(), cell.metric(), cell.metricName(), cell.peakRssBytes(), null, pretraining));
        Json.write(folder.cell("u"), result("dl4j", "transfer", "channels-first", 1, CellResult.FAILED, null, List.of(), "2026-01-01T00:01:00Z"));
        String md = Files.readString(new ReportGenerator(List.of(folder), folder.root()).write());
        assertTrue(md.contains("## Transfer learning"), md);
        assertTrue(md.contains("head trained on digits 5–9 (as classes 0–4)"), md);
        assertTrue(md.contains("| tensorflow | 3.50 ± 0.71 | 0.9850 | 1.10 ± 0.14 | 0.9712 | 40.0 | 22.0 | 0.55 |"), md);
        String section = md.substring(md.indexOf("## Transfer learning"));
        section = section.substring(0, section.indexOf("\n## ") < 0 ? section.length() : section.indexOf("\n## "));
        assertFalse(section.contains("| dl4j |"), "a failed cell has no transfer row: " + section);
    }

    @Test
    void mergingFoldersKeepsTheNewestFinishedResultOfACell() throws IOException {
        ResultFolder one = new ResultFolder(temp.resolve("one"));
        ResultFolder two = new ResultFolder(temp.resolve("two"));
        CellResult older = result("pytorch", "fcn", "channels-first", 1, CellResult.OK, 0.91, List.of(1.0), "2026-01-01T00:00:00Z");
        CellResult newer = result("pytorch", "fcn", "channels-first", 1, CellResult.OK, 0.93, List.of(1.0), "2026-01-02T00:00:00Z");
        CellResult failedLater = result("pytorch", "fcn", "channels-first", 1, CellResult.FAILED, null, List.of(1.0), "2026-01-03T00:00:00Z");
        Json.write(one.cell("x"), older);
        Json.write(two.cell("x"), newer);
        Json.write(two.cell("y"), failedLater);
        String md = Files.readString(new ReportGenerator(List.of(one, two), temp.resolve("merged")).write());
        assertTrue(md.contains("| fcn | 0.9300 (n=1) |"), md);
    }

    @Test
    void aReportOfTwoMachinesKeepsTheirTimingsApartAndListsBoth() throws IOException {
        ResultFolder a = new ResultFolder(temp.resolve("a"));
        ResultFolder b = new ResultFolder(temp.resolve("b"));
        // the same cell id measured on each machine: two results, neither replaces the other
        Json.write(a.cell("x"), result("pytorch", "fcn", "channels-first", 1, CellResult.OK, 0.95, List.of(3.0, 2.0, 2.0),
                "2026-01-01T00:00:00Z", ZEN3));
        Json.write(b.cell("x"), result("pytorch", "fcn", "channels-first", 1, CellResult.OK, 0.95, List.of(1.5, 1.0, 1.0),
                "2026-01-02T00:00:00Z", ZEN5));
        // DL4J trained 3 epochs on one machine and 2 on the other: two settings, whose accuracies must not be pooled
        Json.write(a.cell("y"), result("dl4j", "fcn", "channels-first", 1, CellResult.OK, 0.95, List.of(3.0, 2.0, 2.0),
                "2026-01-01T00:00:00Z", ZEN3));
        Json.write(b.cell("y"), result("dl4j", "fcn", "channels-first", 1, CellResult.OK, 0.90, List.of(1.5, 1.0),
                "2026-01-02T00:00:00Z", ZEN5));

        String md = Files.readString(new ReportGenerator(List.of(a, b), temp.resolve("out")).write());
        String accuracy = md.substring(md.indexOf("## Test accuracy"), md.indexOf("## Timings"));
        // the same settings on both machines may be pooled; other settings are listed apart, each with its machine
        assertTrue(accuracy.contains("| 0.9500 ± 0.0000 (n=2) |"), accuracy);
        assertTrue(accuracy.contains("0.9500 (n=1, 3 epochs, batch 32, adam 1e-03, on AMD EPYC 7R13 (Zen 3), 2 cores, AVX2); "
                + "0.9000 (n=1, 2 epochs, batch 32, adam 1e-03, on AMD EPYC 9R45 (Zen 5), 2 cores, AVX-512)"), accuracy);
        assertTrue(md.contains("These results come from 2 machines."), md);
        assertTrue(md.contains("| AMD EPYC 7R13 (Zen 3), 2 cores, AVX2 | AuthenticAMD family 25 model 1 | avx2 fma | 2 | 16.0 |"), md);
        assertTrue(md.contains("| AMD EPYC 9R45 (Zen 5), 2 cores, AVX-512 | AuthenticAMD family 26 model 2 | avx2 fma avx512f | 2 | 24.0 |"), md);
        String timings = md.substring(md.indexOf("## Timings"));
        String fcn = timings.substring(0, timings.indexOf("!["));
        int zen3Table = fcn.indexOf("On AMD EPYC 7R13 (Zen 3), 2 cores, AVX2:");
        int zen5Table = fcn.indexOf("On AMD EPYC 9R45 (Zen 5), 2 cores, AVX-512:");
        assertTrue(zen3Table > 0 && zen5Table > zen3Table, fcn);
        // each machine's own epochs after the first (2.0, 2.0 and 1.0, 1.0); a pooled row would say 1.50
        assertTrue(fcn.substring(zen3Table, zen5Table).contains("| 3.00 | 2.00 ± 0.00 |"), fcn);
        assertTrue(fcn.substring(zen5Table).contains("| 1.50 | 1.00 ± 0.00 |"), fcn);
        assertFalse(fcn.contains("| 1.50 ± 0.58 |"), fcn);
        assertTrue(md.contains("Epoch time per task and framework (mean ± sd over the epochs after the first), one panel per task, per machine"), md);
    }

    @Test
    void aMachinesSteadinessProbeExplainsTheNoiseOfThatMachinesCellsOnly() throws IOException {
        ResultFolder a = new ResultFolder(temp.resolve("a"));
        ResultFolder b = new ResultFolder(temp.resolve("b"));
        // both cells 9.1 % noisy; only the Zen 3 machine was noisy itself (9.1 %), the Zen 5 one steady
        Json.write(a.cell("x"), result("pytorch", "fcn", "channels-first", 1, CellResult.OK, 0.95, List.of(3.0, 2.4, 2.0),
                "2026-01-01T00:00:00Z", ZEN3));
        Json.write(b.cell("x"), result("pytorch", "fcn", "channels-first", 1, CellResult.OK, 0.95, List.of(1.5, 1.2, 1.0),
                "2026-01-02T00:00:00Z", ZEN5));
        Json.write(a.steadiness(), List.of(new MachineSteadiness(MachineSteadiness.AFTER, "loop", 2, List.of(0.5, 0.6), 0, ZEN3)));
        Json.write(b.steadiness(), List.of(new MachineSteadiness(MachineSteadiness.AFTER, "loop", 2, List.of(0.5, 0.5), 0, ZEN5)));

        String md = Files.readString(new ReportGenerator(List.of(a, b), temp.resolve("out")).write());
        assertTrue(md.contains("| " + ZEN3.label() + " | after | 2 | 0.550 (0.500–0.600) | 9.1 % **noisy** | 0.00 |"), md);
        assertTrue(md.contains("| " + ZEN5.label() + " | after | 2 | 0.500 (0.500–0.500) | 0.0 % | 0.00 |"), md);
        String fcn = md.substring(md.indexOf("### fcn"));
        int zen3 = fcn.indexOf("On " + ZEN3.label() + ":");
        int zen5 = fcn.indexOf("On " + ZEN5.label() + ":");
        assertTrue(zen3 >= 0 && zen5 > zen3, fcn);
        String zen3Part = fcn.substring(zen3, zen5);
        String zen5Part = fcn.substring(zen5, fcn.indexOf("!["));
        assertTrue(zen3Part.contains("- pytorch: 9.1 % over 2 epochs;"), zen3Part);
        assertTrue(zen3Part.contains("the machine itself varied 9.1 % in the steadiness probe"), zen3Part);
        assertTrue(zen5Part.contains("- pytorch: 9.1 % over 2 epochs;"), zen5Part);
        assertFalse(zen5Part.contains("the machine itself varied"), zen5Part);
    }

    @Test
    void linesOfCodeSkipCommentsAndBlankLines() {
        assertTrue(SourceLines.codeLines(List.of("/**", " * doc", " */", "", "// note", "class A {", "  int x; // why", "}")) == 3);
        assertTrue("cnn".equals(SourceLines.modelOf("TfCnn.java")) && SourceLines.modelOf("Cnn.java") == null);
    }

    @Test
    void aModelCountsTheHelpersItNeedsButNotTheClassesThatBuildEveryModel() throws IOException {
        Path sources = Files.createDirectories(temp.resolve("impl-x/src/main/java/x"));
        Files.writeString(sources.resolve("XFcn.java"), "class XFcn {\n  Object layer = XLayers.dense();\n}\n");
        Files.writeString(sources.resolve("XLayers.java"), "class XLayers {\n  static Object dense() {\n    return XLoss.of();\n  }\n}\n");
        Files.writeString(sources.resolve("XLoss.java"), "class XLoss {\n  static Object of() { return null; }\n}\n");
        Files.writeString(sources.resolve("XSession.java"), "class XSession {\n  Object model = new XFcn();\n}\n");
        List<SourceLines.ModelCode> counted = SourceLines.count(temp);
        assertEquals(1, counted.size());
        SourceLines.ModelCode fcn = counted.get(0);
        assertEquals("fcn", fcn.model());
        assertEquals(3, fcn.codeLines());
        // XLayers and, through it, XLoss; XSession builds the model and is the adapter's
        assertEquals(Map.of("impl-x/src/main/java/x/XLayers.java", 5, "impl-x/src/main/java/x/XLoss.java", 3), fcn.helpers());
        assertEquals(11, fcn.totalCodeLines());
    }

    @Test
    void theLinesOfCodeTableComesFromTheCountsRecordedWithTheRun() throws IOException {
        ResultFolder folder = new ResultFolder(temp.resolve("results"));
        Json.write(folder.cell("a"), result("pytorch", "fcn", "channels-first", 1, CellResult.OK, 0.95, List.of(3.0, 2.0), "2026-01-01T00:00:00Z"));
        Json.write(folder.sourceLines(), List.of(new SourceLines.ModelCode("impl-tensorflow", "fcn", "impl-tensorflow/TfFcn.java", 55,
                Map.of("impl-tensorflow/TfNetwork.java", 40))));
        // temp holds no sources at all: the table can only come from the results
        String md = Files.readString(new ReportGenerator(List.of(folder), folder.root()).write());
        assertTrue(md.contains("| impl-tensorflow | 95 (TfFcn.java + TfNetwork.java 40) | — | — | 95 |"), md);
    }
}
