package dev.polydl.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.polydl.harness.run.CellResult;
import dev.polydl.harness.run.Distribution;
import dev.polydl.harness.run.PortResult;
import dev.polydl.harness.run.ResultFolder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code polydl submit slurm} on a real single-node Slurm cluster ({@link LocalSlurm}): two shards of pytorch, dl4j
 * and the test-only faulty framework on argsort run as a job array, the faulty cell fails on purpose, and the merge
 * job still runs after the array and reports the other two with their portability matrix. The checkout submitted
 * from is this build's distribution plus the faulty framework, and the launcher, {@code ./polydl}, as users run it.
 */
class SlurmIT {
    private static final Pattern SUBMITTED = Pattern.compile("submitted: job array (\\d+) .* merge job (\\d+) after it");

    @TempDir
    Path temp;

    @Test
    void twoShardsRunAsAJobArrayAndTheMergeJobReportsThemEvenAfterAFailedCell() throws Exception {
        Optional<String> unavailable = LocalSlurm.unavailable();
        Assumptions.assumeTrue(unavailable.isEmpty(), () -> "no Slurm here: " + unavailable.orElseThrow());
        // munged wants every folder on its socket's path open to all
        Files.setPosixFilePermissions(temp, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        Path checkout = checkoutWithTheFaultyFramework(temp.resolve("checkout"));
        Path shared = temp.resolve("shared");

        try (LocalSlurm slurm = LocalSlurm.start(temp.resolve("slurm"))) {
            Map<String, String> environment = new HashMap<>(slurm.environment());
            // The distribution mvn verify laid out, as it is: this checkout has no sources to build from.
            environment.put("POLYDL_NO_BUILD", "1");
            environment.put("POLYDL_NATIVE_CACHE", temp.resolve("node-natives").toString());
            LocalSlurm.Result submit = LocalSlurm.run(List.of(checkout.resolve("polydl").toString(), "submit", "slurm",
                    "--frameworks", "pytorch,dl4j,faulty", "--tasks", "argsort", "--warm-up", "5s",
                    "--shards", "2", "--cpus-per-task", "1", "--out", shared.toString()), environment, Duration.ofMinutes(2));
            System.out.print(submit.output());
            assertEquals(0, submit.status(), submit.output());
            Matcher ids = SUBMITTED.matcher(submit.output());
            assertTrue(ids.find(), submit.output());
            String array = ids.group(1);
            String merge = ids.group(2);

            // the scripts as submitted, for people reading the test's output
            System.out.println(Files.readString(shared.resolve("slurm/compare-shards.sh")));
            System.out.println(Files.readString(shared.resolve("slurm/merge.sh")));

            Map<String, String> states = slurm.awaitEnd(List.of(array, merge), Duration.ofMinutes(15));
            String logs = LocalSlurm.tails(shared.resolve("slurm/logs"), 60) + slurm.logs();
            System.out.println("job states: " + states);

            // Each shard ran its own cells into its own folder; the faulty cell failed, and so did its task.
            Set<String> seen = new HashSet<>();
            List<String> failedTasks = new ArrayList<>();
            for (int shard = 1; shard <= 2; shard++) {
                List<CellResult> cells = new ResultFolder(shared.resolve("shard-" + shard)).results();
                assertTrue(!cells.isEmpty(), "shard " + shard + " ran no cell\n" + logs);
                boolean failed = false;
                for (CellResult cell : cells) {
                    assertTrue(seen.add(cell.spec().id()), cell.spec().id() + " ran in two shards");
                    assertEquals(cell.spec().framework().equals(FaultyFramework.ID) ? CellResult.FAILED : CellResult.OK, cell.status(),
                            cell.spec().id() + ": " + cell.reason());
                    failed |= cell.status().equals(CellResult.FAILED);
                }
                assertEquals(failed ? "FAILED" : "COMPLETED", states.get(array + "_" + shard), "array task " + shard + "\n" + logs);
                if (failed) {
                    failedTasks.add(array + "_" + shard);
                }
            }
            assertEquals(Set.of("argsort-pytorch-cpu-r1", "argsort-dl4j-cpu-r1", "argsort-faulty-cpu-r1"), seen);
            assertEquals(1, failedTasks.size());

            // The merge job ran after the array anyway: every cell, the portability matrix, the report.
            assertTrue(List.of("COMPLETED", "FAILED").contains(states.get(merge)), "merge job " + states.get(merge) + "\n" + logs);
            ResultFolder merged = new ResultFolder(shared);
            assertEquals(seen, new HashSet<>(merged.results().stream().map(c -> c.spec().id()).toList()), logs);
            for (String framework : List.of("pytorch", "dl4j")) {
                PortResult port = merged.portabilityResults().stream().filter(p -> p.spec().framework().equals(framework)).findFirst()
                        .orElseThrow(() -> new AssertionError("no portability into " + framework + "\n" + logs));
                assertEquals(CellResult.OK, port.status(), port.reason());
                assertEquals(Set.of("pytorch", "dl4j"), new HashSet<>(port.entries().stream().map(PortResult.Entry::sourceFramework).toList()));
                port.entries().forEach(entry -> assertNotNull(entry.metric(), entry.reason()));
            }
            String report = Files.readString(shared.resolve("REPORT.md"));
            String portability = report.substring(report.indexOf("## Portability"));
            assertTrue(portability.contains("### argsort") && portability.contains("| trained in ↓ / evaluated in → |"), report);
            assertTrue(report.contains("| argsort | "), report);
            assertTrue(Files.isRegularFile(shared.resolve("report.html")));
            String mergeLog = Files.readString(shared.resolve("slurm/logs/merge.job-" + merge + ".log"));
            assertTrue(mergeLog.contains("merge: 3 planned cells: 3 taken from 2 folder(s), 0 already here, 0 in no folder"), mergeLog);
        }
    }

    /**
     * A polydl checkout as {@code submit} sees one: the launcher, and a built distribution of this build's harness,
     * PyTorch and DL4J, and the faulty framework, whose argsort training throws.
     */
    private static Path checkoutWithTheFaultyFramework(Path checkout) throws IOException {
        Distribution real = Distribution.located();
        Path frameworks = checkout.resolve("target/dist/frameworks");
        Files.createDirectories(frameworks);
        Files.copy(real.home().resolve("polydl"), checkout.resolve("polydl"), StandardCopyOption.COPY_ATTRIBUTES);
        Files.createSymbolicLink(checkout.resolve("target/dist/lib"), real.lib());
        for (String id : List.of("pytorch", "dl4j")) {
            Files.createSymbolicLink(frameworks.resolve(id), real.frameworkFolder(id));
        }
        Files.writeString(FaultyFramework.installInto(frameworks), "argsort=throw\n");
        return checkout;
    }
}
