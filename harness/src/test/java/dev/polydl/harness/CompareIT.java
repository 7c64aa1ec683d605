package dev.polydl.harness;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.polydl.common.CpuFeatures;
import dev.polydl.harness.run.CellResult;
import dev.polydl.harness.run.Json;
import dev.polydl.harness.run.PortResult;
import dev.polydl.harness.run.ResultFolder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code polydl compare} end to end on the real distribution ({@code target/dist}, built by the package
 * phase): real worker JVMs, real engines, argsort only so that it stays short.
 */
class CompareIT {
    @TempDir
    Path temp;

    @Test
    void aTransferCellPretrainsThenTrainsTheHeadOnTheOtherDigitsAndItsWeightsPort() throws IOException {
        Path out = temp.resolve("transfer");
        assertEquals(0, Main.execute("compare", "--frameworks", "tensorflow", "--tasks", "transfer", "--epochs", "1", "--threads", "2",
                "--warm-up", "0s", "--out", out.toString()));
        ResultFolder folder = new ResultFolder(out);
        CellResult cell = folder.result("transfer-tensorflow-cpu-r1").orElseThrow();
        assertEquals(CellResult.OK, cell.status(), cell.reason());
        CellResult.Pretraining pretraining = cell.pretraining();
        assertNotNull(pretraining, "the transfer cell records its pretraining");
        assertEquals(1, pretraining.epochSeconds().size());
        assertTrue(pretraining.source().contains("classes 0–4"), pretraining.source());
        assertTrue(pretraining.sourceMetric() >= 0.9, "source accuracy " + pretraining.sourceMetric());
        assertEquals(pretraining.curves().stepsPerEpoch(), pretraining.curves().stepMs().size());
        // about 4 000 digits 0–4 and 4 000 digits 5–9 of the 8 000 training images
        assertEquals(8000, 32 * (pretraining.curves().stepsPerEpoch() + cell.curves().stepsPerEpoch()), 64);
        assertTrue(cell.metric() >= 0.9, "target accuracy after one epoch of the head: " + cell.metric());
        PortResult port = folder.portabilityResults().get(0);
        assertEquals("transfer", port.entries().get(0).task());
        assertEquals(cell.metric(), port.entries().get(0).metric(), "the transferred weights evaluate to the same accuracy");
        String report = Files.readString(out.resolve("REPORT.md"));
        assertTrue(report.contains("## Transfer learning") && report.contains("| tensorflow | "), report);
    }

    @Test
    void argsortScoresAtLeastNinetyNinePercentAndWeightsPortBothWays() throws IOException {
        Path out = temp.resolve("argsort");
        assertEquals(0, Main.execute("compare", "--frameworks", "pytorch,dl4j", "--tasks", "argsort", "--threads", "2", "--warm-up", "5s",
                "--out", out.toString()));
        ResultFolder folder = new ResultFolder(out);
        assertEquals(2, folder.results().size());
        for (CellResult result : folder.results()) {
            assertEquals(CellResult.OK, result.status(), result.spec().id() + ": " + result.reason());
            assertTrue(result.metric() >= 99, result.spec().id() + " scored " + result.metric());
            assertEquals(result.spec().epochs(), result.timings().epochSeconds().size());
            assertTrue(result.peakRssBytes() > 0);
            CellResult.WarmUp warmUp = result.timings().warmUp();
            assertTrue(warmUp.steps() > 0 && warmUp.seconds() >= CellResult.WarmUp.WINDOW_SECONDS, result.spec().id() + ": " + warmUp);
            // It replays the cell's own schedule, so it never diverges; it ends quiet or at its 5 s limit.
            assertTrue(warmUp.ended().equals(CellResult.WarmUp.QUIET)
                            ? warmUp.lastJitShare() < CellResult.WarmUp.QUIET_SHARE && warmUp.seconds() >= 2 * CellResult.WarmUp.WINDOW_SECONDS
                            : warmUp.ended().equals(CellResult.WarmUp.LIMIT) && warmUp.seconds() >= 5, warmUp.toString());
        }
        CellResult dl4j = folder.result("argsort-dl4j-cpu-r1").orElseThrow();
        assertEquals("PASSIVE", dl4j.spec().environment().environment().get("OMP_WAIT_POLICY"), "the worker ran in DL4J's engine environment");
        String build = dl4j.framework().nativeBuild();
        assertTrue(build.startsWith("nd4j-native"), build);
        assertTrue(!CpuFeatures.hasAvx2() || build.contains("linux-x86_64-onednn-avx"),
                "an AVX2 or AVX-512 CPU loads nd4j-native's oneDNN build for it: " + build);
        assertEquals(2, folder.portabilityResults().size());
        for (PortResult port : folder.portabilityResults()) {
            assertEquals(2, port.entries().size(), port.spec().framework() + ": " + port.reason());
            for (PortResult.Entry entry : port.entries()) {
                CellResult trained = folder.result(entry.sourceCell()).orElseThrow();
                assertNotNull(entry.metric(), entry.reason());
                if (entry.sourceFramework().equals(port.spec().framework())) {
                    assertEquals(trained.metric(), entry.metric(), "re-evaluating in the training framework gives its own score");
                } else {
                    assertEquals(trained.metric(), entry.metric(), 0.05, entry.sourceFramework() + " weights in " + port.spec().framework());
                }
            }
        }
        assertTrue(Files.isRegularFile(out.resolve("REPORT.md")) && Files.isRegularFile(out.resolve("report.html")));

        // The same folder as if copied from another machine: the cell runs again, and the plan says why.
        Path cell = folder.cell("argsort-pytorch-cpu-r1");
        ObjectNode moved = (ObjectNode) Json.MAPPER.readTree(cell.toFile());
        ((ObjectNode) moved.path("spec").path("provenance").path("machine")).put("cpu", "Another CPU");
        Json.write(cell, moved);
        String plan = Printed.by(() -> assertEquals(0, Main.execute("compare", "--frameworks", "pytorch,dl4j", "--tasks", "argsort",
                "--threads", "2", "--warm-up", "5s", "--out", out.toString(), "--dry-run")));
        assertTrue(plan.contains("1 finished earlier, 1 to run"), plan);
        assertTrue(plan.contains("1 to run: measured on another machine (Another CPU"), plan);
    }

    @Test
    void aDryRunWritesNothing() {
        Path out = temp.resolve("dry");
        assertEquals(0, Main.execute("compare", "--frameworks", "pytorch", "--tasks", "argsort", "--out", out.toString(), "--dry-run"));
        assertFalse(Files.exists(out), "a dry run created " + out);
    }

    @Test
    void aKilledWorkerCostsOnlyItsCellAndARerunRunsOnlyThatCell() throws Exception {
        Path out = temp.resolve("kill");
        String[] args = {"compare", "--frameworks", "pytorch,mxnet", "--tasks", "argsort", "--epochs", "2000", "--threads", "2",
                "--warm-up", "0s", "--no-portability", "--out", out.toString()};
        AtomicInteger status = new AtomicInteger(-1);
        Thread run = new Thread(() -> status.set(Main.execute(args)));
        run.start();
        ProcessHandle victim = awaitWorker("argsort-pytorch-cpu-r1");
        awaitFirstEpoch(out.resolve("logs/argsort-pytorch-cpu-r1.log"));
        assertTrue(victim.isAlive() && victim.destroyForcibly(), "kill -9 the pytorch worker after its first epoch");
        run.join(300_000);
        assertEquals(1, status.get(), "a failed cell makes compare exit 1");

        ResultFolder folder = new ResultFolder(out);
        CellResult killed = folder.result("argsort-pytorch-cpu-r1").orElseThrow();
        assertEquals(CellResult.FAILED, killed.status());
        assertTrue(killed.reason().contains("signal 9"), killed.reason());
        CellResult survivor = folder.result("argsort-mxnet-cpu-r1").orElseThrow();
        assertEquals(CellResult.OK, survivor.status(), survivor.reason());
        assertNull(survivor.timings().warmUp(), "--warm-up 0s: the timed epochs follow the first prediction");
        byte[] survivorBytes = Files.readAllBytes(folder.cell("argsort-mxnet-cpu-r1"));

        assertEquals(0, Main.execute(args), "the rerun completes the missing cell");
        assertEquals(CellResult.OK, folder.result("argsort-pytorch-cpu-r1").orElseThrow().status());
        assertArrayEquals(survivorBytes, Files.readAllBytes(folder.cell("argsort-mxnet-cpu-r1")), "the finished cell was not run again");

        byte[] both = Files.readAllBytes(folder.cell("argsort-pytorch-cpu-r1"));
        assertEquals(0, Main.execute(args), "nothing left to run");
        assertArrayEquals(both, Files.readAllBytes(folder.cell("argsort-pytorch-cpu-r1")));
        assertTrue(Files.readString(out.resolve("REPORT.md")).contains("None: all 2 cells finished `ok`."));
    }

    private static void awaitFirstEpoch(Path log) throws InterruptedException, IOException {
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (Files.isRegularFile(log) && Files.readString(log).contains("##epoch 1 ")) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the worker logged no finished epoch in " + log + " within 2 minutes");
    }

    private static ProcessHandle awaitWorker(String cell) throws InterruptedException, IOException {
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (System.nanoTime() < deadline) {
            Optional<ProcessHandle> worker = ProcessHandle.current().descendants()
                    .filter(p -> p.info().commandLine().orElse("").contains(cell + ".spec.json")).findFirst();
            if (worker.isPresent()) {
                return worker.get();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no worker for " + cell + " started within 2 minutes");
    }
}
