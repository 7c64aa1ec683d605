package dev.polydl.harness.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class PortResultTest {
    private static final PortSpec SPEC = new PortSpec("portability-dl4j-cpu", "dl4j", "cpu", 2,
            new DataSpec(DataSpec.MNIST_SAMPLE, null, null, 42), List.of(), EngineEnvironment.harnessOnly(), null);
    private static final CellResult.FrameworkInfo DL4J = new CellResult.FrameworkInfo("dl4j", "DL4J", "1", "2", "avx512 build");

    @Test
    void aRunWithAFailedEntryIsFailedSoThatTheNextCompareRetriesIt() {
        PortResult result = PortResult.finished(SPEC, DL4J, "t", 1, List.of(
                new PortResult.Entry("fcn", "fcn-pytorch-cpu-r1", "pytorch", 0.95, null),
                new PortResult.Entry("cnn", "cnn-mxnet-cpu-r1", "mxnet", null, "IllegalArgumentException: bad tensor")));
        assertEquals(CellResult.FAILED, result.status());
        assertEquals("1 of 2 weights could not be evaluated; first: mxnet cnn: IllegalArgumentException: bad tensor", result.reason());
        assertEquals(2, result.entries().size(), "the good entry is kept for the report");
    }

    @Test
    void aRunThatEvaluatedEverySourceIsOkAndRecordsTheNativeBuild() {
        PortResult result = PortResult.finished(SPEC, DL4J, "t", 1,
                List.of(new PortResult.Entry("fcn", "fcn-pytorch-cpu-r1", "pytorch", 0.95, null)));
        assertEquals(CellResult.OK, result.status());
        assertNull(result.reason());
        assertEquals("avx512 build", result.framework().nativeBuild());
    }
}
