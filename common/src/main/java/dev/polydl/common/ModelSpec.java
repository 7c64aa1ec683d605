package dev.polydl.common;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * A canonical network as data: what every framework must build, in its own idiom, with exactly these
 * layers, parameter names and shapes. Inputs are given per sample in canonical layout (NCHW for
 * images), the output is a vector of logits (classification) or of predictions (argsort).
 *
 * <p>FLOPs count a multiply-add as two operations in dense and convolution layers only; biases,
 * activations, pooling, dropout, the loss and the optimizer update are not counted. A training step
 * costs the forward pass, the weight gradients (as much again) and the input gradients of every
 * parameterised layer but the first (as much again for those), which is the usual "about 3×".
 *
 * @param name        {@code fcn}, {@code cnn}, {@code argsort} or {@code transfer} for the canonical models;
 *                    frameworks choose their network file by it
 * @param inputShape  the shape of one sample, e.g. {@code [1, 28, 28]}
 * @param layers      the layers in order
 * @param loss        the training loss
 * @param init        how the weights start
 * @param frozen      the names of the layers whose parameters training must leave exactly as they are: no
 *                    update, no optimizer state (empty: every parameter trains)
 */
public record ModelSpec(String name, int[] inputShape, List<Layer> layers, Loss loss, Init init, Set<String> frozen) {

    /** 784 → 512 ReLU → dropout 0.2 → 256 ReLU → dropout 0.2 → 10 logits. */
    public static final ModelSpec FCN = new ModelSpec("fcn", new int[] {784}, List.of(
            new Layer.Dense("fc1", 784, 512), new Layer.Relu(), new Layer.Dropout(0.2),
            new Layer.Dense("fc2", 512, 256), new Layer.Relu(), new Layer.Dropout(0.2),
            new Layer.Dense("fc3", 256, 10)), Loss.SOFTMAX_CROSS_ENTROPY, Init.GLOROT_UNIFORM);

    /** The classic Keras MNIST CNN: two 3×3 convs, 2×2 max-pool, dense 128, 10 logits. */
    public static final ModelSpec CNN = new ModelSpec("cnn", new int[] {1, 28, 28}, List.of(
            new Layer.Conv2d("conv1", 1, 32, 3), new Layer.Relu(),
            new Layer.Conv2d("conv2", 32, 64, 3), new Layer.Relu(),
            new Layer.MaxPool2d(2), new Layer.Dropout(0.25), new Layer.Flatten(),
            new Layer.Dense("fc1", 9216, 128), new Layer.Relu(), new Layer.Dropout(0.5),
            new Layer.Dense("fc2", 128, 10)), Loss.SOFTMAX_CROSS_ENTROPY, Init.GLOROT_UNIFORM);

    /**
     * Transfer learning: the CNN with its feature layers (both convolutions; with the pooling, everything
     * before the dense head) frozen, and the head trained. The pooling and flatten have no parameters; the
     * dropout after the pooling stays on in training, as part of the head's input. The head keeps the CNN's 10
     * logits, so one network serves the digit split (targets 5–9 relabelled 0–4 use five of them) and MNIST →
     * Fashion-MNIST. {@link #unfrozen()} is the same network for the pretraining.
     */
    public static final ModelSpec TRANSFER = new ModelSpec("transfer", CNN.inputShape, CNN.layers, CNN.loss, CNN.init,
            Set.of(CNN.conv(0).name(), CNN.conv(1).name()));

    /** A single dense layer 2 → 2 with no activation, MSE, starting from zeros. */
    public static final ModelSpec ARGSORT = argsort(2);

    /** The argsort toy for arrays of length n. */
    public static ModelSpec argsort(int n) {
        return new ModelSpec("argsort", new int[] {n}, List.of(new Layer.Dense("fc", n, n)),
                Loss.MEAN_SQUARED_ERROR, Init.ZEROS);
    }

    /** The four canonical models, in report order. */
    public static List<ModelSpec> canonical() {
        return List.of(FCN, CNN, ARGSORT, TRANSFER);
    }

    /** The canonical models' names, in report order, for messages. */
    public static String canonicalNames() {
        return String.join(", ", canonical().stream().map(ModelSpec::name).toList());
    }

    /** Looks a canonical model up by name ({@code fcn}, {@code cnn}, {@code argsort}, {@code transfer}). */
    public static ModelSpec byName(String name) {
        for (ModelSpec spec : canonical()) {
            if (spec.name.equalsIgnoreCase(name)) {
                return spec;
            }
        }
        throw new IllegalArgumentException("unknown model '" + name + "'; expected one of " + canonicalNames());
    }

    /** A network that trains every parameter. */
    public ModelSpec(String name, int[] inputShape, List<Layer> layers, Loss loss, Init init) {
        this(name, inputShape, layers, loss, init, Set.of());
    }

    public ModelSpec {
        Objects.requireNonNull(name, "name");
        inputShape = inputShape.clone();
        layers = List.copyOf(layers);
        Objects.requireNonNull(loss, "loss");
        Objects.requireNonNull(init, "init");
        frozen = Set.copyOf(frozen);
        Set<String> parameterised = parameterisedLayers(layers);
        if (!parameterised.containsAll(frozen)) {
            throw new IllegalArgumentException(name + ": frozen layers " + frozen + " are not all parameterised layers " + parameterised);
        }
        int[] shape = inputShape;
        for (Layer layer : layers) {
            shape = outputShape(layer, shape);
        }
        if (shape.length != 1) {
            throw new IllegalArgumentException(name + ": the last layer must produce a vector, got " + Shapes.format(shape));
        }
    }

    @Override
    public int[] inputShape() {
        return inputShape.clone();
    }

    /** Elements of one input sample. */
    public int inputSize() {
        return Shapes.size(inputShape);
    }

    /** Elements of one output row (10 logits, or n argsort predictions). */
    public int outputSize() {
        return activationShapes().get(layers.size())[0];
    }

    /** The per-sample activation shape before each layer and, last, after the final one. */
    public List<int[]> activationShapes() {
        List<int[]> shapes = new ArrayList<>();
        int[] shape = inputShape.clone();
        shapes.add(shape);
        for (Layer layer : layers) {
            shape = outputShape(layer, shape);
            shapes.add(shape);
        }
        return shapes;
    }

    /** Every canonical parameter, in order. */
    public List<ParameterSpec> parameters() {
        return layers.stream().flatMap(layer -> layer.parameters().stream()).toList();
    }

    /** Whether training leaves this parameter ({@code conv1.weight}) exactly as it is. */
    public boolean isFrozen(String parameterName) {
        return frozen.contains(layerOf(parameterName));
    }

    /** The names of the layers that hold parameters ({@code conv1}, {@code fc1}, …): what {@link #frozen} may name. */
    public Set<String> parameterisedLayers() {
        return parameterisedLayers(layers);
    }

    private static Set<String> parameterisedLayers(List<Layer> layers) {
        return layers.stream().flatMap(layer -> layer.parameters().stream())
                .map(parameter -> layerOf(parameter.name())).collect(Collectors.toCollection(TreeSet::new));
    }

    /** {@code conv1} of {@code conv1.weight}: parameters are named after their layer, as in PyTorch's state_dict. */
    private static String layerOf(String parameterName) {
        return parameterName.substring(0, parameterName.lastIndexOf('.'));
    }

    /** The parameters training updates, in canonical order. */
    public List<ParameterSpec> trainableParameters() {
        return parameters().stream().filter(parameter -> !isFrozen(parameter.name())).toList();
    }

    /** The same network with every parameter trainable: what a transfer model's features are pretrained in. */
    public ModelSpec unfrozen() {
        return new ModelSpec(name, inputShape, layers, loss, init, Set.of());
    }

    /** Total number of scalar parameters. */
    public long parameterCount() {
        return parameters().stream().mapToLong(ParameterSpec::size).sum();
    }

    /** The {@code index}-th dense layer (from 0): model files read their sizes from here instead of retyping them. */
    public Layer.Dense dense(int index) {
        return nth(Layer.Dense.class, index);
    }

    /** The {@code index}-th convolution (from 0). */
    public Layer.Conv2d conv(int index) {
        return nth(Layer.Conv2d.class, index);
    }

    /** The {@code index}-th max-pooling layer (from 0). */
    public Layer.MaxPool2d pool(int index) {
        return nth(Layer.MaxPool2d.class, index);
    }

    /** The per-sample [C, H, W] shape the flatten turns into a vector; null without a flatten. */
    public int[] flattenedShape() {
        for (int i = 0; i < layers.size(); i++) {
            if (layers.get(i) instanceof Layer.Flatten) {
                return activationShapes().get(i);
            }
        }
        return null;
    }

    private <L extends Layer> L nth(Class<L> kind, int index) {
        List<L> matching = layers.stream().filter(kind::isInstance).map(kind::cast).toList();
        if (index < 0 || index >= matching.size()) {
            throw new IllegalArgumentException(name + " has " + matching.size() + " " + kind.getSimpleName() + " layer(s), not " + (index + 1));
        }
        return matching.get(index);
    }

    /** The dropout rates in layer order (the networks are built with these, so a variant can set them to 0). */
    public List<Double> dropoutRates() {
        return layers.stream().filter(Layer.Dropout.class::isInstance)
                .map(layer -> ((Layer.Dropout) layer).rate()).toList();
    }

    /**
     * The same network with every dropout rate set to 0: train mode then equals eval mode, which is
     * what exact parity of training steps needs (no two frameworks draw the same dropout masks).
     */
    public ModelSpec withoutDropout() {
        List<Layer> plain = layers.stream()
                .map(layer -> layer instanceof Layer.Dropout ? (Layer) new Layer.Dropout(0) : layer).toList();
        return new ModelSpec(name, inputShape, plain, loss, init, frozen);
    }

    /** FLOPs of one forward pass of one sample. */
    public long forwardFlops() {
        long flops = 0;
        List<int[]> shapes = activationShapes();
        for (int i = 0; i < layers.size(); i++) {
            flops += multiplyAdds(layers.get(i), shapes.get(i + 1)) * 2;
        }
        return flops;
    }

    /** FLOPs of one training step (forward, backward, no update) for one sample. */
    public long trainStepFlops() {
        long flops = 0;
        boolean first = true;
        List<int[]> shapes = activationShapes();
        for (int i = 0; i < layers.size(); i++) {
            long layerFlops = multiplyAdds(layers.get(i), shapes.get(i + 1)) * 2;
            if (layerFlops == 0) {
                continue;
            }
            flops += first ? 2 * layerFlops : 3 * layerFlops;
            first = false;
        }
        return flops;
    }

    private static long multiplyAdds(Layer layer, int[] output) {
        if (layer instanceof Layer.Dense dense) {
            return (long) dense.in() * dense.out();
        }
        if (layer instanceof Layer.Conv2d conv) {
            return (long) conv.outChannels() * output[1] * output[2] * conv.inChannels() * conv.kernel() * conv.kernel();
        }
        return 0;
    }

    private static int[] outputShape(Layer layer, int[] in) {
        if (layer instanceof Layer.Dense dense) {
            if (in.length != 1 || in[0] != dense.in()) {
                throw new IllegalArgumentException(dense.name() + " expects " + dense.in() + " inputs, got " + Shapes.format(in));
            }
            return new int[] {dense.out()};
        }
        if (layer instanceof Layer.Conv2d conv) {
            if (in.length != 3 || in[0] != conv.inChannels() || in[1] < conv.kernel() || in[2] < conv.kernel()) {
                throw new IllegalArgumentException(conv.name() + " expects " + conv.inChannels() + " channels, got " + Shapes.format(in));
            }
            return new int[] {conv.outChannels(), in[1] - conv.kernel() + 1, in[2] - conv.kernel() + 1};
        }
        if (layer instanceof Layer.MaxPool2d pool) {
            if (in.length != 3 || in[1] % pool.size() != 0 || in[2] % pool.size() != 0) {
                throw new IllegalArgumentException("max-pool " + pool.size() + " does not tile " + Shapes.format(in));
            }
            return new int[] {in[0], in[1] / pool.size(), in[2] / pool.size()};
        }
        if (layer instanceof Layer.Flatten) {
            return new int[] {Shapes.size(in)};
        }
        return in.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ModelSpec that && name.equals(that.name) && Arrays.equals(inputShape, that.inputShape)
                && layers.equals(that.layers) && loss == that.loss && init == that.init && frozen.equals(that.frozen);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, Arrays.hashCode(inputShape), layers, loss, init, frozen);
    }

    @Override
    public String toString() {
        return name + Shapes.format(inputShape) + layers + (frozen.isEmpty() ? "" : " frozen " + new TreeSet<>(frozen));
    }
}
