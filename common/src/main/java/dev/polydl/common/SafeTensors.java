package dev.polydl.common;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The safetensors format (an 8-byte little-endian header length, a JSON header naming each
 * tensor's dtype, shape and byte range, then the raw little-endian data), so that weights written
 * here open in Python with {@code safetensors.numpy.load_file} or with {@code json} and
 * {@code numpy.frombuffer}. Only float32 ({@code F32}) tensors are written or accepted.
 */
final class SafeTensors {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String METADATA = "__metadata__";

    private SafeTensors() {
    }

    /** Writes atomically: a half-written weights file never replaces a good one. */
    static void write(Path file, Parameters parameters) throws IOException {
        ObjectNode header = JSON.createObjectNode();
        header.putObject(METADATA).put("format", "pt").put("layout", "canonical: dense [out,in], conv [outC,inC,kH,kW]")
                .put("producer", "polydl");
        long offset = 0;
        for (Map.Entry<String, Tensor> entry : parameters.tensors().entrySet()) {
            ObjectNode info = header.putObject(entry.getKey());
            info.put("dtype", "F32");
            ArrayNode shape = info.putArray("shape");
            Arrays.stream(entry.getValue().shape()).forEach(shape::add);
            long end = offset + 4L * entry.getValue().size();
            info.putArray("data_offsets").add(offset).add(end);
            offset = end;
        }
        byte[] json = JSON.writeValueAsBytes(header);
        int padded = (json.length + 7) / 8 * 8; // the reference writer aligns the data to 8 bytes with spaces
        ByteBuffer buffer = ByteBuffer.allocate(Math.toIntExact(8 + padded + offset)).order(ByteOrder.LITTLE_ENDIAN);
        buffer.putLong(padded).put(json);
        for (int i = json.length; i < padded; i++) {
            buffer.put((byte) ' ');
        }
        for (Tensor tensor : parameters.tensors().values()) {
            for (int i = 0; i < tensor.size(); i++) {
                buffer.putFloat(tensor.get(i));
            }
        }
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path temp = Files.createTempFile(parent, file.getFileName().toString(), ".part");
        try {
            Files.write(temp, buffer.array());
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    static Parameters read(Path file, ModelSpec spec) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new InputFileException(file, null, "no such file");
        } catch (IOException e) {
            throw new InputFileException(file, null, "cannot read: " + e.getMessage(), e);
        }
        if (bytes.length < 8) {
            throw new InputFileException(file, InputFileException.offset(0),
                    "too short for a safetensors header (" + bytes.length + " bytes)");
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        long headerLength = buffer.getLong(0);
        if (headerLength < 2 || headerLength > bytes.length - 8L) {
            throw new InputFileException(file, InputFileException.offset(0), "header length " + headerLength
                    + " does not fit in a file of " + bytes.length + " bytes: not a safetensors file");
        }
        int dataStart = 8 + (int) headerLength;
        JsonNode header;
        try {
            header = JSON.readTree(new String(bytes, 8, (int) headerLength, StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new InputFileException(file, InputFileException.offset(8 + e.getLocation().getCharOffset()),
                    "header is not valid JSON: " + e.getOriginalMessage());
        }
        if (header == null || !header.isObject()) {
            throw new InputFileException(file, InputFileException.offset(8), "header is not a JSON object");
        }
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        for (ParameterSpec parameter : spec.parameters()) {
            JsonNode info = header.get(parameter.name());
            if (info == null) {
                throw new InputFileException(file, InputFileException.offset(8), "tensor " + parameter.name()
                        + " is missing (model " + spec.name() + " needs " + spec.parameters() + ")");
            }
            tensors.put(parameter.name(), readTensor(file, bytes, dataStart, parameter, info));
        }
        for (Iterator<String> names = header.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!name.equals(METADATA) && !tensors.containsKey(name)) {
                throw new InputFileException(file, InputFileException.offset(8),
                        "unexpected tensor " + name + ": model " + spec.name() + " has no such parameter");
            }
        }
        return new Parameters(tensors);
    }

    private static Tensor readTensor(Path file, byte[] bytes, int dataStart, ParameterSpec parameter, JsonNode info) {
        JsonNode offsets = info.path("data_offsets");
        if (!offsets.isArray() || offsets.size() != 2 || !offsets.get(0).canConvertToLong() || !offsets.get(1).canConvertToLong()) {
            throw new InputFileException(file, InputFileException.offset(8), "tensor " + parameter.name() + " has no valid data_offsets");
        }
        long begin = offsets.get(0).asLong();
        long end = offsets.get(1).asLong();
        String where = InputFileException.offset(dataStart + begin);
        String dtype = info.path("dtype").asText("?");
        if (!dtype.equals("F32")) {
            throw new InputFileException(file, where, "tensor " + parameter.name() + " has dtype " + dtype + ", expected F32");
        }
        int[] shape = readShape(info.path("shape"));
        if (shape == null || !Arrays.equals(shape, parameter.shape())) {
            throw new InputFileException(file, where, "tensor " + parameter.name() + " has shape " + info.path("shape")
                    + ", expected " + Arrays.toString(parameter.shape()));
        }
        if (begin < 0 || end < begin || dataStart + end > bytes.length || end - begin != 4L * parameter.size()) {
            throw new InputFileException(file, where, "tensor " + parameter.name() + " claims bytes [" + begin + ", " + end
                    + ") of the data section, but needs " + 4L * parameter.size() + " bytes inside a data section of "
                    + (bytes.length - dataStart) + " bytes");
        }
        float[] data = new float[parameter.size()];
        ByteBuffer.wrap(bytes, (int) (dataStart + begin), data.length * 4).order(ByteOrder.LITTLE_ENDIAN)
                .asFloatBuffer().get(data);
        return new Tensor(shape, data);
    }

    private static int[] readShape(JsonNode node) {
        if (!node.isArray()) {
            return null;
        }
        int[] shape = new int[node.size()];
        for (int i = 0; i < shape.length; i++) {
            if (!node.get(i).canConvertToInt()) {
                return null;
            }
            shape[i] = node.get(i).asInt();
        }
        return shape;
    }
}
