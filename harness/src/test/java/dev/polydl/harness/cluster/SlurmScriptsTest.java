package dev.polydl.harness.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scripts {@code polydl submit slurm} writes: their Slurm directives, and what each task really runs, found by
 * running them with bash, Slurm's variables set as a task would see them, against a launcher that prints its arguments.
 */
class SlurmScriptsTest {
    @TempDir
    Path temp;

    private Path launcher;
    private Path printed;

    @BeforeEach
    void launcherThatPrintsWhatItIsGiven() throws IOException {
        launcher = temp.resolve("checkout dir/polydl");
        printed = temp.resolve("printed");
        Files.createDirectories(launcher.getParent());
        Files.writeString(launcher, "#!/usr/bin/env bash\n{ echo \"POLYDL_NO_BUILD=$POLYDL_NO_BUILD\"; echo \"POLYDL_NATIVE_CACHE=$POLYDL_NATIVE_CACHE\";"
                + " for a in \"$@\"; do echo \"[$a]\"; done; } > \"" + printed + "\"\n");
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private SlurmScripts scripts(Integer cpusPerTask, String partition, String gres, Integer maxParallel) {
        return new SlurmScripts(launcher, Path.of("/work dir"), temp.resolve("shared"), 3,
                List.of("--frameworks", "pytorch,dl4j", "--tasks", "argsort", "--train", "my data.csv", "--no-portability"),
                cpusPerTask, partition, gres, maxParallel);
    }

    private static List<String> directives(String script) {
        return script.lines().filter(line -> line.startsWith("#SBATCH")).toList();
    }

    @Test
    void theArrayHasOneTaskPerShardAndAsksForWhatWasGiven() {
        SlurmScripts scripts = scripts(4, "cpu", "gpu:1", 2);
        assertEquals(List.of("#SBATCH --job-name=polydl-compare", "#SBATCH --array=1-3%2", "#SBATCH --cpus-per-task=4",
                "#SBATCH --partition=cpu", "#SBATCH --gres=gpu:1", "#SBATCH --chdir=\"/work dir\"",
                "#SBATCH --output=" + temp.resolve("shared/slurm/logs") + "/shard-%a.job-%A.log"), directives(scripts.shardScriptText()));
        assertEquals(List.of("#SBATCH --job-name=polydl-merge", "#SBATCH --cpus-per-task=4", "#SBATCH --partition=cpu", "#SBATCH --gres=gpu:1",
                "#SBATCH --chdir=\"/work dir\"", "#SBATCH --output=" + temp.resolve("shared/slurm/logs") + "/merge.job-%j.log"),
                directives(scripts.mergeScriptText()));
    }

    @Test
    void withoutCpusPerTaskEachShardGetsAWholeNode() {
        SlurmScripts scripts = scripts(null, null, null, null);
        List<String> array = directives(scripts.shardScriptText());
        assertTrue(array.contains("#SBATCH --array=1-3") && array.contains("#SBATCH --exclusive"), array.toString());
        assertTrue(array.stream().noneMatch(line -> line.contains("--partition") || line.contains("--gres") || line.contains("--cpus")),
                array.toString());
    }

    @Test
    void taskTwoRunsShardTwoOnItsAllocationsCpusIntoItsOwnFolderWithoutBuilding() throws Exception {
        SlurmScripts scripts = scripts(4, null, null, null);
        List<String> ran = run(scripts.shardScriptText(), Map.of("SLURM_ARRAY_TASK_ID", "2", "SLURM_CPUS_PER_TASK", "4", "TMPDIR", "/node/tmp"));
        assertEquals(List.of("POLYDL_NO_BUILD=1", "POLYDL_NATIVE_CACHE=/node/tmp/polydl-natives-" + user(),
                "[compare]", "[--frameworks]", "[pytorch,dl4j]", "[--tasks]", "[argsort]", "[--train]", "[my data.csv]", "[--no-portability]",
                "[--shard]", "[2/3]", "[--threads]", "[4]", "[--out]", "[" + temp.resolve("shared/shard-2") + "]"), ran);
    }

    @Test
    void theMergeTakesEveryShardFolderAndWritesIntoTheSharedFolder() throws Exception {
        SlurmScripts scripts = scripts(null, null, null, null);
        // --exclusive: no SLURM_CPUS_PER_TASK, the whole node's CPUs
        List<String> ran = run(scripts.mergeScriptText(), Map.of("SLURM_CPUS_ON_NODE", "64", "POLYDL_NATIVE_CACHE", "/scratch/natives"));
        Path shared = temp.resolve("shared");
        assertEquals(List.of("POLYDL_NO_BUILD=1", "POLYDL_NATIVE_CACHE=/scratch/natives",
                "[compare]", "[--frameworks]", "[pytorch,dl4j]", "[--tasks]", "[argsort]", "[--train]", "[my data.csv]", "[--no-portability]",
                "[--merge]", "[" + shared.resolve("shard-1") + "]", "[--merge]", "[" + shared.resolve("shard-2") + "]",
                "[--merge]", "[" + shared.resolve("shard-3") + "]", "[--threads]", "[64]", "[--out]", "[" + shared + "]"), ran);
    }

    @Test
    void theSubmitCommandsChainTheMergeAfterTheArrayHoweverItEnded() {
        SlurmScripts scripts = scripts(null, null, null, null);
        assertEquals(List.of("array=$(sbatch --parsable " + temp.resolve("shared/slurm/compare-shards.sh") + ")",
                "sbatch --parsable --dependency=afterany:\"${array%%;*}\" " + temp.resolve("shared/slurm/merge.sh")), scripts.submitCommands());
        assertTrue(scripts.shardScriptText().contains("#   " + scripts.submitCommands().get(1) + "\n"), "the script says how to submit it");
    }

    @Test
    void argumentsReachTheShellAsOneWordEach() {
        assertEquals("--tasks", SlurmScripts.quote("--tasks"));
        assertEquals("'my data.csv'", SlurmScripts.quote("my data.csv"));
        assertEquals("'it'\\''s $HOME'", SlurmScripts.quote("it's $HOME"));
    }

    /** Runs the script with bash as Slurm would start it, in a clean environment plus Slurm's variables. */
    private List<String> run(String script, Map<String, String> slurmVariables) throws Exception {
        Path file = temp.resolve("job.sh");
        Files.writeString(file, script);
        ProcessBuilder bash = new ProcessBuilder("bash", file.toString()).redirectErrorStream(true);
        bash.environment().keySet().removeIf(name -> name.startsWith("SLURM_") || name.startsWith("POLYDL_") || name.equals("TMPDIR"));
        bash.environment().putAll(slurmVariables);
        Process process = bash.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), output);
        return Files.readAllLines(printed);
    }

    private static String user() throws Exception {
        Process id = new ProcessBuilder("id", "-un").start();
        String name = new String(id.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        id.waitFor();
        return name;
    }
}
