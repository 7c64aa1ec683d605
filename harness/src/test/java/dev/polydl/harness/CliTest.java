package dev.polydl.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.polydl.harness.run.FolderLock;
import dev.polydl.harness.run.UsageException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The command line's contract: help everywhere, and one line plus exit status 2 for bad arguments or data. */
class CliTest {
    @TempDir
    Path temp;

    private final StringWriter err = new StringWriter();

    @BeforeEach
    void fakeDistribution() throws IOException {
        // Validation happens before any worker starts, so empty framework folders are enough here.
        Files.createDirectories(temp.resolve("dist/frameworks/pytorch"));
        Files.createDirectories(temp.resolve("dist/frameworks/dl4j"));
        System.setProperty("polydl.home", temp.toString());
        System.setProperty("polydl.dist", temp.resolve("dist").toString());
    }

    @AfterEach
    void clear() {
        System.clearProperty("polydl.home");
        System.clearProperty("polydl.dist");
    }

    private int run(String... args) {
        return Main.execute(new PrintWriter(err, true), args);
    }

    private String errorLine() {
        List<String> lines = err.toString().lines().toList();
        assertEquals(1, lines.size(), "expected exactly one error line, got: " + err);
        return lines.get(0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "compare", "report", "data", "data check", "submit", "submit slurm"})
    void everyCommandHasHelp(String command) {
        String[] args = (command.isEmpty() ? "--help" : command + " --help").split(" ");
        assertEquals(0, run(args));
    }

    @Test
    void noCommandIsAUsageError() {
        assertEquals(Main.USAGE, run());
        assertTrue(errorLine().contains("a command is needed"));
    }

    @Test
    void unknownOptionIsAUsageError() {
        assertEquals(Main.USAGE, run("compare", "--epoch", "3"));
        assertTrue(errorLine().contains("--epoch"), err.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"--epochs=0", "--batch-size=-1", "--threads=0", "--repeats=0", "--lr=-0.1", "--epochs=three",
            "--frameworks=caffe", "--tasks=resnet", "--device=tpu", "--optimizer=rmsprop", "--shard=3/2", "--shard=x",
            "--cell-timeout=soon", "--test=x.csv", "--dataset=cifar"})
    void badCompareArgumentsExitTwoWithOneLine(String argument) {
        assertEquals(Main.USAGE, run("compare", argument, "--out", temp.resolve("out").toString()));
        String line = errorLine();
        assertTrue(line.startsWith("compare: ") && line.contains(argument.substring(0, argument.indexOf('=')).replace("=", "")), line);
        assertTrue(Files.notExists(temp.resolve("out")), "nothing is written for a bad command line");
    }

    @ParameterizedTest
    @ValueSource(strings = {"--host-timeout=0m", "--host-timeout=forever", "--batch-sizes=0", "--models=resnet", "--threads=0",
            "--train-iteration=0ms", "--train-iteration=1.5s"})
    void badBenchArgumentsExitTwoWithOneLine(String argument) {
        assertEquals(Main.USAGE, run("bench", argument, "--out", temp.resolve("out").toString()));
        String line = errorLine();
        assertTrue(line.startsWith("bench: ") && line.contains(argument.substring(0, argument.indexOf('='))), line);
        assertTrue(Files.notExists(temp.resolve("out")), "nothing is written for a bad command line");
    }

    @ParameterizedTest
    @ValueSource(strings = {"--no-ladder", "--layout-only", "--models=argsort"})
    void aLadderOnlyBenchThatCouldRunNoLadderExitsTwoWithOneLine(String argument) {
        assertEquals(Main.USAGE, run("bench", "--ladder-only", argument, "--out", temp.resolve("out").toString()));
        String line = errorLine();
        assertTrue(line.startsWith("bench: --ladder-only: "), line);
        assertTrue(line.contains(argument.startsWith("--models") ? "--models chose neither" : argument), line);
        assertTrue(Files.notExists(temp.resolve("out")), "nothing is written for a bad command line");
    }

    @ParameterizedTest
    @ValueSource(strings = {"compare", "bench"})
    void aFolderInUseByAnotherRunIsRefusedWithOneLineNamingTheHolder(String command) throws IOException {
        Path out = temp.resolve("busy");
        FolderLock.take(out, "compare");
        Path kept = Files.writeString(Files.createDirectories(out.resolve("cells")).resolve("kept.json"), "{}");
        try {
            assertEquals(Main.USAGE, run(command, "--threads", "2", "--out", out.toString()));
        } finally {
            FolderLock.releaseAll();
        }
        String line = errorLine();
        assertTrue(line.startsWith(command + ": " + out + " is in use by another polydl run (pid " + ProcessHandle.current().pid()
                + ", compare, started "), line);
        assertEquals("{}", Files.readString(kept), "files already written are kept");
        // once the holder is gone the folder is free again
        FolderLock.take(out, command);
        FolderLock.releaseAll();
    }

    @Test
    void aSecondBenchWhileJmhRunsIsRefusedWithOneLine() throws IOException {
        Path jmhLock = Path.of(System.getProperty("java.io.tmpdir"), "jmh.lock");
        try (FileChannel channel = FileChannel.open(jmhLock, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock held = channel.lock()) {
            assertEquals(Main.USAGE, run("bench", "--threads", "2", "--out", temp.resolve("out").toString()));
        }
        String line = errorLine();
        assertTrue(line.startsWith("bench: another JMH run holds " + jmhLock + " on this machine"), line);
    }

    @Test
    void aResultsFolderThatCannotBeCreatedExitsTwoNamingIt() throws IOException {
        Path file = Files.writeString(temp.resolve("a-file"), "not a folder");
        assertEquals(Main.USAGE, run("compare", "--tasks", "argsort", "--out", file.resolve("out").toString()));
        String line = errorLine();
        assertTrue(line.startsWith("compare: " + file.resolve("out") + ": cannot write to the results folder: "), line);
    }

    @Test
    void aBadRowInTheTrainCsvExitsTwoNamingFileAndLine() throws IOException {
        Path csv = temp.resolve("train.csv");
        String good = "3" + ",0".repeat(784);
        Files.writeString(csv, good + "\n" + good + "\n" + "7,0,0,oops" + ",0".repeat(781) + "\n");
        Path out = temp.resolve("out");
        Files.createDirectories(out.resolve("cells"));
        Path earlier = Files.writeString(out.resolve("cells/kept.json"), "{}");

        assertEquals(Main.USAGE, run("compare", "--train", csv.toString(), "--out", out.toString()));
        String line = errorLine();
        assertTrue(line.contains(csv.toString()) && line.contains("line 3"), line);
        assertEquals("{}", Files.readString(earlier), "files already written are kept");
    }

    @ParameterizedTest
    @ValueSource(strings = {"--shards=0", "--cpus-per-task=0", "--max-parallel=-1", "--threads=4", "--shard=1/2", "--dry-run",
            "--merge=elsewhere", "--tasks=resnet", "--epochs=0", "--warm-up=soon", "--bogus"})
    void badSubmitArgumentsExitTwoWithOneLineAndSubmitNothing(String argument) {
        Path out = temp.resolve("shared");
        List<String> args = new java.util.ArrayList<>(List.of("submit", "slurm", "--shards", "2", "--out", out.toString(), argument));
        assertEquals(Main.USAGE, run(args.toArray(String[]::new)));
        String line = errorLine();
        assertTrue(line.startsWith("slurm: ") && line.contains(argument.contains("=") ? argument.substring(0, argument.indexOf('=')) : argument),
                line);
        assertTrue(Files.notExists(out), "nothing is written for a bad command line");
    }

    @Test
    void submitPrintWritesBothScriptsAndTheCommandsWithoutSubmitting() throws IOException {
        Path launcher = Files.writeString(temp.resolve("polydl"), "#!/usr/bin/env bash\n");
        launcher.toFile().setExecutable(true);
        Path out = temp.resolve("shared");
        String printed = Printed.by(() -> assertEquals(0, run("submit", "slurm", "--frameworks", "pytorch", "--tasks", "argsort",
                "--shards", "3", "--cpus-per-task", "2", "--out", out.toString(), "--print")));
        String array = Files.readString(out.resolve("slurm/compare-shards.sh"));
        assertTrue(array.contains("#SBATCH --array=1-3\n#SBATCH --cpus-per-task=2\n"), array);
        assertTrue(array.contains("exec \"$polydl\" compare --frameworks pytorch --tasks argsort \\\n    --shard "), array);
        assertTrue(array.contains("polydl=" + launcher + "\n"), array);
        assertTrue(Files.readString(out.resolve("slurm/merge.sh")).contains("--merge \"$out/shard-$i\""));
        assertTrue(Files.isDirectory(out.resolve("slurm/logs")), "Slurm does not create its log folders itself");
        assertTrue(printed.contains("array=$(sbatch --parsable " + out.resolve("slurm/compare-shards.sh") + ")"), printed);
        assertTrue(!printed.contains("submitted"), printed);
    }

    @Test
    void mergeRunsNoCellsSoItExcludesShardAndForce() {
        assertEquals(Main.USAGE, run("compare", "--merge", temp.toString(), "--shard", "1/2", "--out", temp.resolve("out").toString()));
        assertTrue(errorLine().contains("--merge runs no cells: it excludes --shard"), err.toString());
    }

    @Test
    void dataCheckPrintsASummaryOrOneErrorLine() throws IOException {
        Path csv = temp.resolve("digits.csv");
        Files.writeString(csv, "5" + ",0".repeat(784) + "\n" + "1" + ",255".repeat(784) + "\n");
        assertEquals(0, run("data", "check", csv.toString()));

        Path truncated = temp.resolve("short.csv");
        Files.writeString(truncated, "5" + ",0".repeat(100) + "\n");
        assertEquals(Main.USAGE, run("data", "check", truncated.toString()));
        assertTrue(errorLine().contains(truncated + ": line 1"), err.toString());
    }

    @Test
    void dataCheckOfAMissingFileExitsTwo() {
        assertEquals(Main.USAGE, run("data", "check", temp.resolve("absent.csv").toString()));
        assertTrue(errorLine().contains("absent.csv"), err.toString());
    }

    @Test
    void reportOfAMissingFolderExitsTwo() {
        assertEquals(Main.USAGE, run("report", "--in", temp.resolve("nowhere").toString()));
        assertTrue(errorLine().contains("nowhere"), err.toString());
    }

    @Test
    void internalFaultsExitOneAndNameALogWithTheStackTrace() throws IOException {
        StringWriter text = new StringWriter();
        int status = Main.exitStatus(new IllegalArgumentException("rung 7 of a ladder of 3 settings"), "bench", new PrintWriter(text, true));
        assertEquals(1, status, "a programming error is not a usage error");
        String line = text.toString().strip();
        assertTrue(line.startsWith("bench: internal error: IllegalArgumentException: rung 7 of a ladder of 3 settings (stack trace in "), line);
        Path log = Path.of(line.substring(line.indexOf("stack trace in ") + "stack trace in ".length(), line.length() - 1));
        assertTrue(Files.readString(log).contains("CliTest"), "the log holds the stack trace");
        Files.delete(log);
    }

    @Test
    void usageAndInputFileErrorsExitTwo() {
        StringWriter text = new StringWriter();
        assertEquals(2, Main.exitStatus(new UsageException("--shard '3/2': expected i/n"), "compare",
                new PrintWriter(text, true)));
        assertEquals("compare: --shard '3/2': expected i/n", text.toString().strip());
    }
}
