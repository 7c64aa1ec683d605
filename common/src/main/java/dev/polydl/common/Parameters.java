package dev.polydl.common;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The canonical parameters of a model: named float32 tensors in PyTorch's layout (dense weights
 * {@code [out, in]}, conv kernels {@code [outC, inC, kH, kW]}), in the order of
 * {@link ModelSpec#parameters()}. Every framework converts from and to this layout, so that weights
 * trained in one can be evaluated in any other.
 */
public final class Parameters {
    private final Map<String, Tensor> tensors;

    /** Takes the tensors in the given order; use {@link #validate} to check them against a spec. */
    public Parameters(Map<String, Tensor> tensors) {
        this.tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
    }

    /**
     * The initial weights of a model as its spec prescribes ({@link Init}), drawn from the seed. The
     * same seed gives the same numbers on every machine and for every framework.
     */
    public static Parameters initial(ModelSpec spec, long seed) {
        return create(spec, spec.init(), seed);
    }

    /**
     * Glorot-uniform weights and zero biases for any model: one {@link SplittableRandom} seeded with
     * {@code seed}, drawn parameter by parameter in spec order and row-major within each tensor,
     * each value {@code (2u − 1)·√(6 / (fanIn + fanOut))} with u uniform on [0, 1).
     */
    public static Parameters glorotUniform(ModelSpec spec, long seed) {
        return create(spec, Init.GLOROT_UNIFORM, seed);
    }

    /**
     * Where a transfer model's training starts: the frozen layers' parameters from the pretrained network,
     * every other parameter re-initialised as {@link #initial} draws it for this seed (canonical Glorot
     * weights, zero biases), so the head starts exactly as a fresh model's would.
     */
    public static Parameters transferred(ModelSpec spec, Parameters pretrained, long seed) {
        pretrained.validate(spec);
        Map<String, Tensor> tensors = new LinkedHashMap<>(initial(spec, seed).tensors());
        spec.parameters().stream().filter(parameter -> spec.isFrozen(parameter.name()))
                .forEach(parameter -> tensors.put(parameter.name(), pretrained.get(parameter.name())));
        return new Parameters(tensors);
    }

    private static Parameters create(ModelSpec spec, Init init, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        for (ParameterSpec parameter : spec.parameters()) {
            float[] values = new float[parameter.size()];
            if (!parameter.isBias() && init == Init.GLOROT_UNIFORM) {
                double limit = Math.sqrt(6.0 / (parameter.fanIn() + parameter.fanOut()));
                for (int i = 0; i < values.length; i++) {
                    values[i] = (float) ((2 * random.nextDouble() - 1) * limit);
                }
            }
            tensors.put(parameter.name(), new Tensor(parameter.shape(), values));
        }
        return new Parameters(tensors);
    }

    public Map<String, Tensor> tensors() {
        return tensors;
    }

    public Tensor get(String name) {
        Tensor tensor = tensors.get(name);
        if (tensor == null) {
            throw new IllegalArgumentException("no parameter named '" + name + "'; have " + tensors.keySet());
        }
        return tensor;
    }

    public List<String> names() {
        return List.copyOf(tensors.keySet());
    }

    public long count() {
        return tensors.values().stream().mapToLong(Tensor::size).sum();
    }

    /**
     * Checks names, order and shapes against the spec.
     *
     * @throws IllegalArgumentException naming the first tensor that is missing, extra or misshapen
     */
    public Parameters validate(ModelSpec spec) {
        List<ParameterSpec> expected = spec.parameters();
        for (ParameterSpec parameter : expected) {
            Tensor tensor = tensors.get(parameter.name());
            if (tensor == null) {
                throw new IllegalArgumentException(spec.name() + ": missing parameter " + parameter.name());
            }
            if (!Arrays.equals(tensor.shape(), parameter.shape())) {
                throw new IllegalArgumentException(spec.name() + ": parameter " + parameter.name() + " has shape "
                        + Shapes.format(tensor.shape()) + ", expected " + Shapes.format(parameter.shape()));
            }
        }
        List<String> expectedNames = expected.stream().map(ParameterSpec::name).toList();
        if (!names().equals(expectedNames)) {
            throw new IllegalArgumentException(spec.name() + ": parameters " + names() + " differ from " + expectedNames);
        }
        return this;
    }

    /** Largest element-wise |a − b| over all tensors; both must have the same names and shapes. */
    public double maxAbsDifference(Parameters other) {
        if (!names().equals(other.names())) {
            throw new IllegalArgumentException("parameter names differ: " + names() + " vs " + other.names());
        }
        double max = 0;
        for (Map.Entry<String, Tensor> entry : tensors.entrySet()) {
            max = Math.max(max, entry.getValue().maxAbsDifference(other.get(entry.getKey())));
        }
        return max;
    }

    /** Writes the tensors as a safetensors file (Python: {@code safetensors.numpy.load_file}). */
    public void save(Path file) throws IOException {
        SafeTensors.write(file, this);
    }

    /**
     * Reads a safetensors file and checks it against the spec.
     *
     * @throws InputFileException naming the file, the tensor and the byte offset of what is wrong
     */
    public static Parameters load(Path file, ModelSpec spec) {
        return SafeTensors.read(file, spec);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Parameters that && tensors.equals(that.tensors) && names().equals(that.names());
    }

    @Override
    public int hashCode() {
        return tensors.hashCode();
    }

    @Override
    public String toString() {
        return "Parameters" + tensors;
    }
}
