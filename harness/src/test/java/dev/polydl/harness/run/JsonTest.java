package dev.polydl.harness.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonTest {
    @TempDir
    Path temp;

    static CellSpec spec(String framework, String task, int repeat) {
        return new CellSpec(CellSpec.id(task, framework, "cpu", "channels-first", repeat), framework, task, "cpu", "channels-first",
                repeat, 7, 2, 0, 32, "adam", 1e-3, 2, 30, new DataSpec(DataSpec.MNIST_SAMPLE, null, null, 42),
                EngineEnvironment.harnessOnly(), null);
    }

    @Test
    void cellResultsRoundTripAndLeaveNoTemporaryFiles() throws IOException {
        var timings = new CellResult.Timings(1, 2, 3, 4, List.of(5.0, 6.0), List.of(7.0, 8.0), 500, List.of(9.0), 10,
                List.of(new CellResult.Interference(1, 2, 3, 40, 6), new CellResult.Interference(4, 5, Double.NaN, 41, Double.NaN)),
                new CellResult.WarmUp(30, 4.2, 1234, 0.012, CellResult.WarmUp.QUIET));
        var curves = new CellResult.Curves(3, List.of(2.3, 1.1, 0.7), List.of(4.0, 4.0, 4.0), List.of(0.9, 0.95));
        CellResult result = new CellResult(spec("pytorch", "fcn", 1), CellResult.OK, null,
                new CellResult.FrameworkInfo("pytorch", "PT", "0.32.0", "2.5.1", "libtorch 2.5.1 (cpu) with MKL"), "17", "2026-01-01T00:00:00Z", 12.5, timings, curves,
                0.95, "accuracy", 1 << 30, "fcn-pytorch-cpu-r1.safetensors", null);
        Path file = temp.resolve("cells/x.json");
        Json.write(file, result);
        Json.write(file, result);
        assertEquals(result, Json.read(file, CellResult.class));
        try (Stream<Path> files = Files.list(file.getParent())) {
            assertEquals(List.of(file), files.toList(), "only the result itself");
        }
    }

    @Test
    void aDamagedResultFileIsNamedInTheError() throws IOException {
        Path file = Files.writeString(temp.resolve("broken.json"), "{\"spec\": ");
        var e = assertThrows(UncheckedIOException.class, () -> Json.read(file, CellResult.class));
        assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
    }

    @Test
    void finishedMeansOkOrDiverged() {
        assertTrue(CellResult.unfinished(spec("mxnet", "cnn", 1), CellResult.DIVERGED, "nan", "t", 1).finished());
        for (String status : List.of(CellResult.FAILED, CellResult.TIMEOUT, CellResult.UNSUPPORTED)) {
            assertTrue(!CellResult.unfinished(spec("mxnet", "cnn", 1), status, "why", "t", 1).finished(), status);
        }
    }
}
