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
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
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
    void aDiskThatFillsMidRunOrAFolderThatTurnsReadOnlyIsOneLineAndKeepsWhatWasWritten() throws Exception {
        Path disk = temp.resolve("small-disk");
        Files.createDirectories(disk);
        // a disk of its own, so that filling it fills nothing else: a tmpfs, which only root may mount
        Assumptions.assumeTrue(command("mount", "-t", "tmpfs", "-o", "size=64m", "tmpfs", disk.toString()) == 0,
                "cannot mount a small tmpfs here (needs root and a kernel that allows it)");
        try {
            Path out = disk.resolve("results");
            ResultFolder folder = new ResultFolder(out);
            String argsort = "argsort-faulty-cpu-r1";
            assertEquals(0, run(compare(out, "60s")).status);
            Files.delete(folder.cell(argsort));
            Map<Path, byte[]> kept = contents(out);

            // argsort's training fills the disk: its weights and result cannot be written, nor can the runner's record of that
            Files.writeString(faults, "argsort=fill\nfill=" + disk.resolve("filler") + "\n");
            Outcome full = run(compare(out, "60s"));
            assertEquals(Main.USAGE, full.status, full.printed);
            List<String> errors = full.warnings.lines().filter(line -> line.startsWith("compare: ")).toList();
            assertEquals(1, errors.size(), full.warnings);
            assertTrue(errors.get(0).contains("No space left on device") && errors.get(0).contains(out.toString()), errors.get(0));
            assertUnchangedAndNothingPartial(kept, out);

            // the disk has room again: the rerun runs only the missing cell
            Files.delete(faults);
            Files.delete(disk.resolve("filler"));
            Outcome rerun = run(compare(out, "60s"));
            assertEquals(0, rerun.status, rerun.printed);
            assertTrue(rerun.printed.contains("2 finished earlier, 1 to run"), rerun.printed);
            assertEquals(CellResult.OK, folder.result(argsort).orElseThrow().status());

            // a folder that turns read-only between runs: refused in one line, nothing touched
            Files.delete(folder.cell(argsort));
            kept = contents(out);
            assertEquals(0, command("mount", "-o", "remount,ro", disk.toString()));
            Outcome readOnly = run(compare(out, "60s"));
            assertEquals(Main.USAGE, readOnly.status, readOnly.printed);
            String line = readOnly.warnings.strip();
            assertTrue(line.startsWith("compare: " + out) && line.contains("Read-only file system") && !line.contains("\n"), line);
            assertUnchangedAndNothingPartial(kept, out);
        } finally {
            command("umount", disk.toString());
        }
    }

    /** Every file as it was, and no temporary file or half-written result left beside them. */
    private static void assertUnchangedAndNothingPartial(Map<Path, byte[]> before, Path out) throws IOException {
        Map<Path, byte[]> after = contents(out);
        for (Map.Entry<Path, byte[]> file : before.entrySet()) {
            if (file.getKey().startsWith(out.resolve("cells")) || file.getKey().startsWith(out.resolve("weights"))) {
                assertArrayEquals(file.getValue(), after.get(file.getKey()), file.getKey() + " changed");
            }
        }
        for (Path file : after.keySet()) {
            assertTrue(!file.getFileName().toString().endsWith(".tmp"), "left behind: " + file);
            if (file.toString().endsWith(".json")) {
                Json.MAPPER.readTree(file.toFile());
            }
        }
    }

    private static Map<Path, byte[]> contents(Path folder) throws IOException {
        Map<Path, byte[]> files = new java.util.TreeMap<>();
        try (var walk = Files.walk(folder)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                files.put(file, Files.readAllBytes(file));
            }
        }
        return files;
    }

    private static int command(String... command) throws IOException, InterruptedException {
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
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
