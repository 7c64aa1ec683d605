package dev.polydl.harness.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.polydl.common.Device;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResumeTest {
    private static final Provenance ZEN3_HERE = new Provenance(MachineTest.ZEN3, "0123456789ab");

    private static CellSpec cell(Provenance provenance) {
        var request = new Plan.Request(List.of("pytorch"), List.of("fcn"), Device.CPU, null, null, null, null, 42, 2, 30, 1,
                new DataSpec(DataSpec.MNIST_SAMPLE, null, null, 42), false, provenance);
        return Plan.cells(request, java.util.Map.of()).get(0);
    }

    private static CellResult finished(CellSpec spec, String status, String nativeVersion) {
        return new CellResult(spec, status, null, new CellResult.FrameworkInfo("pytorch", "PT", "0.32.0", nativeVersion, "build"),
                "17", "2026-01-01T00:00:00Z", 10, null, null, null, "accuracy", 0, null, null);
    }

    @Test
    void aResultFromAnotherMachineRunsAgainAndSaysWhy() {
        CellResult earlier = finished(cell(ZEN3_HERE), CellResult.OK, "libtorch 2.5.1");
        assertEquals("measured on another machine (AMD EPYC (Zen 3), 2 cores, AVX2)",
                Resume.rerunReason(cell(PlanTest.HERE), earlier, "0.32.0", "libtorch 2.5.1"));
    }

    @Test
    void aResultFromThisMachineBuildAndEngineStands() {
        CellResult earlier = finished(cell(PlanTest.HERE), CellResult.OK, "libtorch 2.5.1");
        assertNull(Resume.rerunReason(cell(PlanTest.HERE), earlier, "0.32.0", "libtorch 2.5.1"));
    }

    @Test
    void anotherPolydlBuildOrNativeLibraryRunsAgain() {
        var otherBuild = new Provenance(MachineTest.ZEN4, "0123456789ab+dirty.5e0c81aa");
        CellResult earlier = finished(cell(otherBuild), CellResult.OK, "libtorch 2.5.1");
        assertEquals("measured with another polydl build (0123456789ab+dirty.5e0c81aa)",
                Resume.rerunReason(cell(PlanTest.HERE), earlier, "0.32.0", "libtorch 2.5.1"));
        CellResult otherTorch = finished(cell(PlanTest.HERE), CellResult.OK, "libtorch 2.7.1");
        assertEquals("measured with another native library (libtorch 2.7.1)",
                Resume.rerunReason(cell(PlanTest.HERE), otherTorch, "0.32.0", "libtorch 2.5.1"));
    }

    @Test
    void resultsWithoutAMachineAndUnfinishedOnesRunAgain() {
        assertEquals("measured on an unrecorded machine",
                Resume.rerunReason(cell(PlanTest.HERE), finished(cell(null), CellResult.OK, "x"), "0.32.0", "x"));
        assertEquals("failed earlier",
                Resume.rerunReason(cell(PlanTest.HERE), finished(cell(PlanTest.HERE), CellResult.FAILED, "x"), "0.32.0", "x"));
        assertEquals("not run yet", Resume.rerunReason(cell(PlanTest.HERE), null, "0.32.0", "x"));
    }
}
