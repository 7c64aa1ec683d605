package dev.polydl.harness.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.polydl.common.Device;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShardMergeTest {
    @TempDir
    Path temp;

    private static final List<CellSpec> PLANNED = Plan.cells(new Plan.Request(List.of("pytorch", "dl4j", "mxnet"), List.of("argsort"),
            Device.CPU, null, null, null, null, 42, 1, 0, 1, new DataSpec(DataSpec.MNIST_SAMPLE, null, null, 42), false,
            new Provenance(MachineTest.ZEN3, "0123456789ab")), Map.of());

    private static CellSpec planned(String framework) {
        return PLANNED.stream().filter(cell -> cell.framework().equals(framework)).findFirst().orElseThrow();
    }

    /** A result as a shard writes it: the cell file, its weights when it finished, and its log. */
    private static CellResult write(ResultFolder folder, CellSpec cell, String status, String startedAt) throws IOException {
        boolean finished = status.equals(CellResult.OK);
        String weights = finished ? cell.id() + ".safetensors" : null;
        CellResult result = new CellResult(cell, status, finished ? null : "worker exited", null, "17", startedAt, 10, null, null,
                finished ? 99.0 : null, "score", 0, weights, null);
        if (weights != null) {
            Files.createDirectories(folder.weights());
            Files.writeString(folder.weights().resolve(weights), "weights of " + cell.id() + " from " + folder.root().getFileName());
        }
        Files.createDirectories(folder.logs());
        Files.writeString(folder.logs().resolve(cell.id() + ".log"), "log of " + folder.root().getFileName());
        Json.write(folder.cell(cell.id()), result);
        return result;
    }

    private static MachineSteadiness probe(String when, double window) {
        return new MachineSteadiness(when, "loop", 1, List.of(window, window), 0, MachineTest.ZEN3);
    }

    @Test
    void eachPlannedCellComesOnceWithItsWeightsAndLogAndMissingOnesAreNamed() throws IOException {
        ResultFolder one = new ResultFolder(temp.resolve("shard-1"));
        ResultFolder two = new ResultFolder(temp.resolve("shard-2"));
        ResultFolder into = new ResultFolder(temp);
        CellResult pytorch = write(one, planned("pytorch"), CellResult.OK, "2026-01-01T10:00:00Z");
        // dl4j failed in shard 1 and finished in a later run of shard 2: the finished one counts
        write(one, planned("dl4j"), CellResult.FAILED, "2026-01-01T11:00:00Z");
        CellResult dl4j = write(two, planned("dl4j"), CellResult.OK, "2026-01-01T09:00:00Z");
        Json.write(one.steadiness(), List.of(probe(MachineSteadiness.BEFORE, 1.0)));
        Json.write(two.steadiness(), List.of(probe(MachineSteadiness.BEFORE, 2.0), probe(MachineSteadiness.AFTER, 2.0)));

        ShardMerge.Outcome outcome = ShardMerge.gather(PLANNED, List.of(one, two, new ResultFolder(temp.resolve("shard-3"))), into);

        assertEquals(List.of(planned("pytorch").id(), planned("dl4j").id()), outcome.copied());
        assertEquals(List.of(planned("mxnet").id()), outcome.missing());
        assertEquals(List.of(temp.resolve("shard-3")), outcome.absent());
        assertEquals(pytorch, into.result(planned("pytorch").id()).orElseThrow());
        assertEquals(dl4j, into.result(planned("dl4j").id()).orElseThrow());
        assertArrayEquals(Files.readAllBytes(two.weights().resolve(dl4j.weights())), Files.readAllBytes(into.weights().resolve(dl4j.weights())));
        assertEquals("log of shard-2", Files.readString(into.logs().resolve(planned("dl4j").id() + ".log")));
        assertEquals(List.of(probe(MachineSteadiness.BEFORE, 1.0), probe(MachineSteadiness.BEFORE, 2.0), probe(MachineSteadiness.AFTER, 2.0)),
                List.of(Json.read(into.steadiness(), MachineSteadiness[].class)));

        // Merged again with nothing new: every cell is kept as it is.
        ShardMerge.Outcome again = ShardMerge.gather(PLANNED, List.of(one, two), into);
        assertEquals(List.of(), again.copied());
        assertEquals(List.of(planned("pytorch").id(), planned("dl4j").id()), again.kept());
    }

    @Test
    void aNewerFinishedResultInAShardReplacesTheMergedOne() throws IOException {
        ResultFolder shard = new ResultFolder(temp.resolve("shard-1"));
        ResultFolder into = new ResultFolder(temp);
        write(into, planned("pytorch"), CellResult.OK, "2026-01-01T10:00:00Z");
        CellResult rerun = write(shard, planned("pytorch"), CellResult.OK, "2026-01-02T10:00:00Z");
        // an unfinished result never replaces a finished one, however new
        write(shard, planned("dl4j"), CellResult.FAILED, "2026-01-02T10:00:00Z");
        CellResult dl4j = write(into, planned("dl4j"), CellResult.OK, "2026-01-01T10:00:00Z");

        ShardMerge.Outcome outcome = ShardMerge.gather(PLANNED, List.of(shard), into);

        assertEquals(List.of(planned("pytorch").id()), outcome.copied());
        assertEquals(List.of(planned("dl4j").id()), outcome.kept());
        assertEquals(rerun, into.result(planned("pytorch").id()).orElseThrow());
        assertEquals("weights of " + planned("pytorch").id() + " from shard-1", Files.readString(into.weights().resolve(rerun.weights())));
        assertEquals(dl4j, into.result(planned("dl4j").id()).orElseThrow());
    }
}
