package dev.polydl.common;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ModelSpecTest {
    @Test
    @DisplayName("FCN: 784-512-256-10, 535 818 parameters")
    void fcn() {
        assertEquals(List.of("fc1.weight", "fc1.bias", "fc2.weight", "fc2.bias", "fc3.weight", "fc3.bias"),
                ModelSpec.FCN.parameters().stream().map(ParameterSpec::name).toList());
        assertArrayEquals(new int[] {512, 784}, ModelSpec.FCN.parameters().get(0).shape());
        assertEquals(535_818, ModelSpec.FCN.parameterCount());
        assertEquals(List.of(0.2, 0.2), ModelSpec.FCN.dropoutRates());
        assertEquals(10, ModelSpec.FCN.outputSize());
    }

    @Test
    @DisplayName("CNN: the classic Keras MNIST CNN, 1 199 882 parameters, 9 216 features after the flatten")
    void cnn() {
        assertEquals(List.of("conv1.weight", "conv1.bias", "conv2.weight", "conv2.bias", "fc1.weight", "fc1.bias",
                "fc2.weight", "fc2.bias"), ModelSpec.CNN.parameters().stream().map(ParameterSpec::name).toList());
        assertArrayEquals(new int[] {64, 32, 3, 3}, ModelSpec.CNN.parameters().get(2).shape());
        assertArrayEquals(new int[] {128, 9216}, ModelSpec.CNN.parameters().get(4).shape());
        assertEquals(1_199_882, ModelSpec.CNN.parameterCount());
        assertArrayEquals(new int[] {64, 12, 12}, ModelSpec.CNN.activationShapes().get(6));
        assertEquals(List.of(0.25, 0.5), ModelSpec.CNN.dropoutRates());
    }

    @Test
    @DisplayName("transfer: the CNN with conv1 and conv2 frozen; unfrozen() trains everything; the freezing survives withoutDropout")
    void transfer() {
        ModelSpec transfer = ModelSpec.TRANSFER;
        assertEquals(ModelSpec.CNN.parameters(), transfer.parameters());
        assertEquals(List.of("fc1.weight", "fc1.bias", "fc2.weight", "fc2.bias"),
                transfer.trainableParameters().stream().map(ParameterSpec::name).toList());
        assertTrue(transfer.isFrozen("conv2.bias"));
        assertFalse(transfer.isFrozen("fc1.weight"));
        assertEquals(ModelSpec.CNN.parameters(), transfer.unfrozen().trainableParameters());
        assertNotEquals(transfer, transfer.unfrozen());
        assertEquals(transfer.frozen(), transfer.withoutDropout().frozen());
        assertEquals(transfer, ModelSpec.byName("transfer"));
        assertThrows(IllegalArgumentException.class, () -> new ModelSpec("x", new int[] {2}, List.of(new Layer.Dense("fc", 2, 2)),
                Loss.MEAN_SQUARED_ERROR, Init.ZEROS, java.util.Set.of("conv1")));
    }

    @Test
    @DisplayName("argsort: one dense 2→2 layer, MSE, zero init")
    void argsort() {
        assertEquals(6, ModelSpec.ARGSORT.parameterCount());
        assertEquals(Loss.MEAN_SQUARED_ERROR, ModelSpec.ARGSORT.loss());
        assertEquals(Init.ZEROS, ModelSpec.ARGSORT.init());
        assertEquals(ModelSpec.ARGSORT, ModelSpec.byName("ARGSORT"));
    }

    @Test
    @DisplayName("analytic FLOPs per sample: 2 per multiply-add; a training step is 2× the first layer and 3× the rest")
    void flops() {
        // FCN: 784·512 + 512·256 + 256·10 = 535 040 multiply-adds.
        assertEquals(1_070_080, ModelSpec.FCN.forwardFlops());
        assertEquals(2 * 2 * 401_408 + 3 * 2 * (131_072 + 2_560), ModelSpec.FCN.trainStepFlops());
        // CNN: conv1 32·26·26·9, conv2 64·24·24·32·9, fc1 9216·128, fc2 128·10 multiply-adds.
        long conv1 = 32L * 26 * 26 * 9;
        long rest = 64L * 24 * 24 * 32 * 9 + 9216L * 128 + 128 * 10;
        assertEquals(2 * (conv1 + rest), ModelSpec.CNN.forwardFlops());
        assertEquals(23_984_896, ModelSpec.CNN.forwardFlops());
        assertEquals(2 * 2 * conv1 + 3 * 2 * rest, ModelSpec.CNN.trainStepFlops());
        assertEquals(8, ModelSpec.ARGSORT.forwardFlops());
    }

    @Test
    @DisplayName("withoutDropout keeps every layer and parameter but sets the rates to 0")
    void withoutDropout() {
        ModelSpec plain = ModelSpec.CNN.withoutDropout();
        assertEquals(List.of(0.0, 0.0), plain.dropoutRates());
        assertEquals(ModelSpec.CNN.parameters(), plain.parameters());
        assertEquals("cnn", plain.name());
    }

    @Test
    @DisplayName("a spec whose layers do not chain is rejected")
    void inconsistentSpec() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> new ModelSpec("bad", new int[] {784},
                List.of(new Layer.Dense("fc1", 784, 10), new Layer.Dense("fc2", 20, 10)), Loss.MEAN_SQUARED_ERROR, Init.ZEROS));
        assertEquals("fc2 expects 20 inputs, got [10]", error.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ModelSpec.byName("resnet"));
    }

    @Test
    void modelFilesFindTheirLayerSizesInTheSpec() {
        assertEquals(new Layer.Dense("fc1", 784, 512), ModelSpec.FCN.dense(0));
        assertEquals(10, ModelSpec.FCN.dense(2).out());
        assertEquals(64, ModelSpec.CNN.conv(1).outChannels());
        assertEquals(2, ModelSpec.CNN.pool(0).size());
        assertArrayEquals(new int[] {64, 12, 12}, ModelSpec.CNN.flattenedShape());
        assertEquals(ModelSpec.CNN.dense(0).in(), 64 * 12 * 12);
        assertNull(ModelSpec.FCN.flattenedShape());
        assertThrows(IllegalArgumentException.class, () -> ModelSpec.FCN.conv(0));
    }
}
