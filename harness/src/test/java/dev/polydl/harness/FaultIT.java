package dev.polydl.harness;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.polydl.harness.bench.BenchFailure;
import dev.polydl.harness.bench.BenchHost;
import dev.polydl.harness.run.CellResult;
import dev.polydl.harness.run.Distribution;
import dev.polydl.harness.run.Json;
import dev.polydl.harness.run.ResultFolder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults injected on purpose, end to end: a distribution whose only framework is {@link FaultyFramework}, beside the
 * real harness. Each fault costs only its own cell or benchmark; the others' files stay as they were, and a rerun
 * completes only what is missing.
 */
class FaultIT {
    @TempDir
    static Path temp;
    private static Path dist;
    private static Path faults;

    @BeforeAll
    static void distributionWithTheFaultyFramework() throws IOException {
        dist = temp.resolve("dist");
        Files.createDirectories(dist.resolve("frameworks"));
        Files.createSymbolicLink(dist.resolve("lib"), Distribution.located().lib());
        faults = FaultyFramework.installInto(dist.resolve("frameworks"));
    }

    private static final String[] COMPARE = {"compare", "--frameworks", FaultyFramework.ID, "--tasks", "fcn,cnn,argsort", "--epochs", "1",
            "--warm-up", "0s", "--no-portability", "--threads", "2"};

    @Test
    void aWorkerThatRunsOutOfHeapDiesByASignalOrHangsCostsOnlyItsOwnCellAndARerunCompletesIt() throws IOException {
        Path out = temp.resolve("compare");
        ResultFolder folder = new ResultFolder(out);
        String fcn = "fcn-faulty-cpu-r1";
        String cnn = "cnn-faulty-cpu-r1";
        String argsort = "argsort-faulty-cpu-r1";

        Files.writeString(faults, "fcn=oom\nargsort=signal\n");
        assertEquals(1, run(compare(out, "60s")).status);
        assertFailed(folder, fcn, CellResult.FAILED, "OutOfMemoryError");
        assertFailed(folder, argsort, CellResult.FAILED, "exited with status 137 (signal 9) before writing its result");
        assertEquals(CellResult.OK, folder.result(cnn).orElseThrow().status());
        byte[] cnnFile = Files.readAllBytes(folder.cell(cnn));

        Files.writeString(faults, "fcn=hang\n");
        Outcome hang = run(compare(out, "5s"));
        assertEquals(1, hang.status);
        assertTrue(hang.printed.contains("1 finished earlier, 2 to run"), hang.printed);
        assertFailed(folder, fcn, CellResult.TIMEOUT, "no result within the cell time limit of 5 s; the worker was killed");
        assertEquals(CellResult.OK, folder.result(argsort).orElseThrow().status());
        assertArrayEquals(cnnFile, Files.readAllBytes(folder.cell(cnn)), "a finished cell is left as it was");
        byte[] argsortFile = Files.readAllBytes(folder.cell(argsort));

        // A cell file cut short (a disk that filled): treated as missing, with a warning naming it.
        Files.delete(faults);
        byte[] whole = Files.readAllBytes(folder.cell(cnn));
        Files.write(folder.cell(cnn), Arrays.copyOf(whole, whole.length / 2));
        Outcome rerun = run(compare(out, "60s"));
        assertEquals(0, rerun.status, rerun.printed);
        assertTrue(rerun.printed.contains("1 finished earlier, 2 to run"), rerun.printed);
        assertTrue(rerun.warnings.contains("warning: " + folder.cell(cnn) + ": not a readable CellResult file: "), rerun.warnings);
        assertTrue(rerun.warnings.contains("; treated as missing"), rerun.warnings);
        for (String cell : List.of(fcn, cnn, argsort)) {
            assertEquals(CellResult.OK, folder.result(cell).orElseThrow().status(), cell);
        }
        assertArrayEquals(argsortFile, Files.readAllBytes(folder.cell(argsort)), "a finished cell is left as it was");
    }

    @Test
    void aBenchmarkThatThrowsIsListedAndBenchExitsOne() throws IOException {
        Path out = temp.resolve("bench");
        Files.writeString(faults, "argsort=throw\n");
        try {
            Outcome bench = run(new String[] {"bench", "--frameworks", FaultyFramework.ID, "--models", "argsort", "--batch-sizes", "32",
                    "--no-baseline", "--no-ladder", "--threads", "2", "--out", out.toString()});
            assertEquals(1, bench.status, bench.printed);
            assertTrue(bench.printed.contains("the JMH host of faulty failed"), bench.printed);
            ResultFolder folder = new ResultFolder(out);
            List<BenchFailure> failures = List.of(Json.read(BenchHost.failedFile(folder.bench(), FaultyFramework.ID), BenchFailure[].class));
            // the training step threw on purpose; the faulty framework offers no matrix product, so that one threw too
            assertEquals(List.of("matmul", "trainStep"), failures.stream().map(BenchFailure::method).distinct().sorted().toList(),
                    failures.toString());
            String report = Files.readString(out.resolve("REPORT.md"));
            assertTrue(report.contains("trainStep") && report.contains("matmul"), report);
            // the benchmarks that did not throw have their results
            assertTrue(Files.readString(folder.bench().resolve(FaultyFramework.ID + "-steady.json")).contains("latency"));
        } finally {
            Files.deleteIfExists(faults);
        }
    }

    private static String[] compare(Path out, String cellTimeout) {
        String[] args = Arrays.copyOf(COMPARE, COMPARE.length + 4);
        System.arraycopy(new String[] {"--cell-timeout", cellTimeout, "--out", out.toString()}, 0, args, COMPARE.length, 4);
        return args;
    }

    private static void assertFailed(ResultFolder folder, String cell, String status, String reason) {
        CellResult result = folder.result(cell).orElseThrow();
        assertEquals(status, result.status(), cell + ": " + result.reason());
        assertTrue(result.reason().contains(reason), cell + ": " + result.reason());
    }

    private record Outcome(int status, String printed, String warnings) {
    }

    /** Runs polydl in this JVM against the faulty distribution, capturing what it prints. */
    private static Outcome run(String[] args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        String distProperty = System.getProperty("polydl.dist");
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        ByteArrayOutputStream warnings = new ByteArrayOutputStream();
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(warnings, true, StandardCharsets.UTF_8));
        System.setProperty("polydl.dist", dist.toString());
        try {
            return new Outcome(Main.execute(args), printed.toString(StandardCharsets.UTF_8), warnings.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
            System.setProperty("polydl.dist", distProperty);
            out.print(printed.toString(StandardCharsets.UTF_8));
            err.print(warnings.toString(StandardCharsets.UTF_8));
        }
    }
}
