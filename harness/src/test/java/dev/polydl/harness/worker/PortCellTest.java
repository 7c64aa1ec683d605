package dev.polydl.harness.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.polydl.common.ModelSpec;
import dev.polydl.common.Parameters;
import dev.polydl.harness.bench.NoopFramework;
import dev.polydl.harness.run.CellResult;
import dev.polydl.harness.run.DataSpec;
import dev.polydl.harness.run.EngineEnvironment;
import dev.polydl.harness.run.PortResult;
import dev.polydl.harness.run.PortSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The portability step given weights files that cannot be loaded: each is reported in its own entry, naming the file
 * and what is wrong, and the good weights beside them are still evaluated.
 */
class PortCellTest {
    @TempDir
    Path weights;

    @Test
    void eachBadWeightsFileFailsOnlyItsOwnEntry() throws IOException {
        ModelSpec argsort = ModelSpec.ARGSORT;
        Parameters trained = Parameters.initial(argsort, 7);
        trained.save(weights.resolve("good.safetensors"));
        byte[] whole = Files.readAllBytes(weights.resolve("good.safetensors"));
        Files.write(weights.resolve("truncated.safetensors"), Arrays.copyOf(whole, whole.length - 16));
        // the same file with every tensor declared F16: the header keeps its length
        String text = new String(whole, StandardCharsets.ISO_8859_1).replace("\"F32\"", "\"F16\"");
        Files.write(weights.resolve("f16.safetensors"), text.getBytes(StandardCharsets.ISO_8859_1));
        Map<String, dev.polydl.common.Tensor> lacking = new LinkedHashMap<>(trained.tensors());
        String dropped = lacking.keySet().iterator().next();
        lacking.remove(dropped);
        new Parameters(lacking).save(weights.resolve("lacking.safetensors"));

        List<String> files = List.of("truncated", "good", "f16", "lacking");
        List<PortSpec.Source> sources = files.stream()
                .map(name -> new PortSpec.Source("argsort-" + name + "-cpu-r1", name, "argsort", name + ".safetensors", 99.0)).toList();
        PortSpec spec = new PortSpec("portability-noop-cpu", NoopFramework.ID, "cpu", 1, new DataSpec(DataSpec.MNIST_SAMPLE, null, null, 42),
                sources, EngineEnvironment.harnessOnly(), null);

        PortResult result = new PortCell(spec, weights).run();

        assertEquals(files, result.entries().stream().map(PortResult.Entry::sourceFramework).toList(), "one entry per source, in order");
        Map<String, PortResult.Entry> byFile = new LinkedHashMap<>();
        result.entries().forEach(entry -> byFile.put(entry.sourceFramework(), entry));
        assertNotNull(byFile.get("good").metric(), byFile.get("good").reason());
        assertNull(byFile.get("good").reason());
        assertFailed(byFile.get("truncated"), "truncated.safetensors", "offset");
        assertFailed(byFile.get("f16"), "f16.safetensors", "has dtype F16, expected F32");
        assertFailed(byFile.get("lacking"), "lacking.safetensors", dropped);
        assertEquals(CellResult.FAILED, result.status(), "a run with failed entries is retried by the next compare");
        assertTrue(result.reason().startsWith("3 of 4 weights could not be evaluated; first: truncated argsort: "), result.reason());
    }

    private static void assertFailed(PortResult.Entry entry, String file, String problem) {
        assertNull(entry.metric(), entry.sourceFramework() + " was evaluated");
        assertTrue(entry.reason().contains(file) && entry.reason().contains(problem), entry.reason());
    }
}
