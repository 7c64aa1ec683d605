package dev.polydl.common;

import static dev.polydl.common.MnistCsvTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParametersTest {
    @TempDir
    Path directory;

    @Test
    @DisplayName("initial weights depend only on the seed; Glorot bounds hold; biases are zero")
    void seededGlorot() {
        Parameters a = Parameters.initial(ModelSpec.CNN, 7);
        assertEquals(a, Parameters.initial(ModelSpec.CNN, 7));
        assertNotEquals(a, Parameters.initial(ModelSpec.CNN, 8));
        Tensor fc1 = a.get("fc1.weight");
        double limit = Math.sqrt(6.0 / (9216 + 128));
        double max = 0;
        double sum = 0;
        for (int i = 0; i < fc1.size(); i++) {
            max = Math.max(max, Math.abs(fc1.get(i)));
            sum += fc1.get(i);
        }
        assertTrue(max <= limit && max > 0.99 * limit, "max |w| " + max + " vs limit " + limit);
        assertTrue(Math.abs(sum / fc1.size()) < 0.01 * limit, "mean " + sum / fc1.size());
        double convLimit = Math.sqrt(6.0 / (32 * 9 + 64 * 9)); // Keras' fans: channels × kernel area
        assertTrue(a.get("conv2.weight").maxAbsDifference(new Tensor(new int[] {64, 32, 3, 3}, new float[64 * 32 * 9])) <= convLimit);
        assertEquals(0, a.get("conv1.bias").maxAbsDifference(new Tensor(new int[] {32}, new float[32])));
    }

    @Test
    @DisplayName("argsort starts from zeros, as in the original notebook")
    void argsortZeros() {
        Parameters zeros = Parameters.initial(ModelSpec.ARGSORT, 7);
        assertEquals(0, zeros.maxAbsDifference(Parameters.initial(ModelSpec.ARGSORT, 99)));
        assertEquals(0, zeros.get("fc.weight").maxAbsDifference(new Tensor(new int[] {2, 2}, new float[4])));
    }

    @Test
    @DisplayName("save → load round-trips every bit, through a standard safetensors file")
    void safetensorsRoundTrip() throws IOException {
        Parameters weights = Parameters.glorotUniform(ModelSpec.FCN, 3);
        Path file = directory.resolve("fcn.safetensors");
        weights.save(file);
        assertEquals(weights, Parameters.load(file, ModelSpec.FCN));

        // What a Python reader relies on: 8-byte little-endian header size, JSON header, F32 little-endian data.
        byte[] bytes = Files.readAllBytes(file);
        long headerSize = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong(0);
        assertEquals(0, headerSize % 8, "data aligned to 8 bytes");
        JsonNode header = new ObjectMapper().readTree(new String(bytes, 8, (int) headerSize, StandardCharsets.UTF_8));
        JsonNode fc2 = header.get("fc2.weight");
        assertEquals("F32", fc2.get("dtype").asText());
        assertEquals("[256,512]", fc2.get("shape").toString());
        int start = 8 + (int) headerSize + fc2.get("data_offsets").get(0).asInt();
        float first = ByteBuffer.wrap(bytes, start, 4).order(ByteOrder.LITTLE_ENDIAN).getFloat();
        assertEquals(weights.get("fc2.weight").get(0), first);
        assertEquals(bytes.length, 8 + headerSize + 4 * ModelSpec.FCN.parameterCount());
    }

    @Test
    void missingFile() {
        Path file = directory.resolve("none.safetensors");
        assertMessage(file + ": no such file", () -> Parameters.load(file, ModelSpec.FCN));
    }

    @Test
    @DisplayName("a weights file missing a tensor names the tensor")
    void missingTensor() throws IOException {
        Path file = directory.resolve("argsort.safetensors");
        Parameters.initial(ModelSpec.ARGSORT, 1).save(file);
        rewriteHeader(file, header -> header.remove("fc.bias"));
        assertMessage(file + ": byte offset 8: tensor fc.bias is missing (model argsort needs [fc.weight[2, 2], fc.bias[2]])",
                () -> Parameters.load(file, ModelSpec.ARGSORT));
    }

    @Test
    @DisplayName("a weights file with a wrong shape names the tensor, both shapes and the data offset")
    void wrongShape() throws IOException {
        Path file = directory.resolve("argsort.safetensors");
        Parameters.initial(ModelSpec.ARGSORT, 1).save(file);
        rewriteHeader(file, header -> header.with("fc.weight").putArray("shape").add(4).add(1));
        long dataStart = 8 + headerSize(file);
        assertMessage(file + ": byte offset " + dataStart + ": tensor fc.weight has shape [4,1], expected [2, 2]",
                () -> Parameters.load(file, ModelSpec.ARGSORT));
    }

    @Test
    @DisplayName("a weights file with a wrong dtype names the tensor and the dtype")
    void wrongDtype() throws IOException {
        Path file = directory.resolve("argsort.safetensors");
        Parameters.initial(ModelSpec.ARGSORT, 1).save(file);
        rewriteHeader(file, header -> header.with("fc.bias").put("dtype", "F64"));
        long biasData = 8 + headerSize(file) + 16;
        assertMessage(file + ": byte offset " + biasData + ": tensor fc.bias has dtype F64, expected F32",
                () -> Parameters.load(file, ModelSpec.ARGSORT));
    }

    @Test
    @DisplayName("a file that is not safetensors at all is rejected at offset 0")
    void notSafetensors() throws IOException {
        Path file = directory.resolve("weights.csv");
        Files.writeString(file, "fc.weight,0,0,0,0\n");
        String message = "byte offset 0: header length " + ByteBuffer.wrap("fc.weigh".getBytes(StandardCharsets.US_ASCII))
                .order(ByteOrder.LITTLE_ENDIAN).getLong() + " does not fit in a file of 18 bytes: not a safetensors file";
        assertMessage(file + ": " + message, () -> Parameters.load(file, ModelSpec.ARGSORT));
    }

    @Test
    @DisplayName("a truncated data section is rejected with the tensor's offset")
    void truncatedData() throws IOException {
        Path file = directory.resolve("argsort.safetensors");
        Parameters.initial(ModelSpec.ARGSORT, 1).save(file);
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length - 4));
        long biasData = 8 + headerSize(file) + 16;
        assertMessage(file + ": byte offset " + biasData + ": tensor fc.bias claims bytes [16, 24) of the data section, but needs 8 bytes"
                + " inside a data section of 20 bytes", () -> Parameters.load(file, ModelSpec.ARGSORT));
    }

    @Test
    @DisplayName("setting parameters of the wrong model is refused, naming the parameter")
    void validate() {
        IllegalArgumentException error = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Parameters.initial(ModelSpec.FCN, 1).validate(ModelSpec.CNN));
        assertEquals("cnn: missing parameter conv1.weight", error.getMessage());
    }

    private static long headerSize(Path file) throws IOException {
        return ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN).getLong(0);
    }

    /** Edits the JSON header of a safetensors file, keeping its data. */
    private static void rewriteHeader(Path file, java.util.function.Consumer<com.fasterxml.jackson.databind.node.ObjectNode> edit)
            throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        int headerSize = (int) ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong(0);
        ObjectMapper json = new ObjectMapper();
        var header = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(new String(bytes, 8, headerSize, StandardCharsets.UTF_8));
        edit.accept(header);
        byte[] newHeader = json.writeValueAsBytes(header);
        int padded = (newHeader.length + 7) / 8 * 8;
        ByteBuffer out = ByteBuffer.allocate(8 + padded + bytes.length - 8 - headerSize).order(ByteOrder.LITTLE_ENDIAN);
        out.putLong(padded).put(newHeader);
        for (int i = newHeader.length; i < padded; i++) {
            out.put((byte) ' ');
        }
        out.put(bytes, 8 + headerSize, bytes.length - 8 - headerSize);
        Files.write(file, out.array());
    }
}
