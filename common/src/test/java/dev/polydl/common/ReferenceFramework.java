package dev.polydl.common;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The reference network dressed as a {@link Framework}, so that the contract kit can be proved on
 * it: the correct adapter must pass every case, and each {@link Flaw} (a classic porting bug) must
 * make the cases that guard against it fail. Registered as a service in common's test-jar under
 * the id {@code reference}.
 */
public final class ReferenceFramework implements Framework {

    /** Bugs that real framework adapters have had; each one must be caught by the kit. */
    public enum Flaw {
        /** Conv kernels loaded as [O, I, kW, kH]: the transposed-kernel weight-porting bug. */
        TRANSPOSED_CONV_KERNEL,
        /** Flattens channels-last while keeping the canonical (channels-first) dense weights. */
        CHANNELS_LAST_FLATTEN,
        /** Forgets to switch dropout off for inference. */
        DROPOUT_IN_EVAL,
        /** Sums the loss over the batch instead of averaging it, so SGD steps are batch-size times too large. */
        SUMMED_LOSS,
        /** Adds Adam's ε to the uncorrected √v, as TensorFlow's and Keras' Adam do, without converting it. */
        ADAM_EPSILON_UNCORRECTED,
        /** Builds a transfer model with nothing frozen: the pretrained features keep training. */
        FORGOTTEN_FREEZE,
        /** Freezes the head too (every layer instead of the features): nothing trains. */
        FROZEN_HEAD
    }

    private final Flaw flaw;

    /** The correct adapter, as {@link java.util.ServiceLoader} constructs it. */
    public ReferenceFramework() {
        this(null);
    }

    public ReferenceFramework(Flaw flaw) {
        this.flaw = flaw;
    }

    @Override
    public String id() {
        return flaw == null ? "reference" : "reference-" + flaw.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    @Override
    public String displayName() {
        return "polydl reference network (Java, float64)" + (flaw == null ? "" : " with flaw " + flaw);
    }

    @Override
    public String frameworkVersion() {
        return "1";
    }

    @Override
    public String nativeVersion() {
        return "none (plain Java)";
    }

    @Override
    public List<DeviceSupport> devices() {
        return List.of(DeviceSupport.usable(Device.CPU, "plain Java"),
                DeviceSupport.unusable(Device.GPU, "the reference network is plain Java and runs on the CPU only"));
    }

    @Override
    public List<InputLayout> inputLayouts() {
        return List.of(InputLayout.CHANNELS_FIRST, InputLayout.CHANNELS_LAST);
    }

    @Override
    public TrainingSession open(SessionConfig config) {
        requireUsable(config.device());
        return new Session(config);
    }

    /** Plain Java, in double precision: slow, but a second implementation for the kit's matrix-product case. */
    @Override
    public MatrixProduct matrixProduct(float[] a, float[] b, int n, Device device, int threads) {
        requireUsable(device);
        return new MatrixProduct() {
            @Override
            public int size() {
                return n;
            }

            @Override
            public double multiply() {
                double sum = 0;
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < n; j++) {
                        for (int k = 0; k < n; k++) {
                            sum += (double) a[i * n + k] * b[k * n + j];
                        }
                    }
                }
                return sum;
            }

            @Override
            public void close() {
            }
        };
    }

    private final class Session implements TrainingSession {
        private final SessionConfig config;
        private final ReferenceNetwork network;
        private final SplittableRandom dropoutRandom;
        private int steps;

        Session(SessionConfig config) {
            this.config = config;
            this.network = new ReferenceNetwork(trainedAs(config.model()), Parameters.initial(config.model(), config.seed()));
            this.dropoutRandom = new SplittableRandom(config.seed());
            setParameters(Parameters.initial(config.model(), config.seed()));
        }

        @Override
        public SessionConfig config() {
            return config;
        }

        @Override
        public void setParameters(Parameters parameters) {
            network.setParameters(toNative(parameters.validate(config.model()), true));
            steps = 0;
        }

        @Override
        public Parameters getParameters() {
            return toNative(network.parameters(), false);
        }

        @Override
        public float trainStep(Batch batch) {
            Optimizer optimizer = config.optimizer();
            steps++;
            if (flaw == Flaw.SUMMED_LOSS && optimizer instanceof Optimizer.Sgd sgd) {
                optimizer = new Optimizer.Sgd(sgd.learningRate() * batch.size());
            }
            if (flaw == Flaw.ADAM_EPSILON_UNCORRECTED && optimizer instanceof Optimizer.Adam adam) {
                // ε on √v equals ε / √(1 − β2^t) on √v̂
                double epsilon = adam.epsilon() / Math.sqrt(1 - Math.pow(adam.beta2(), steps));
                optimizer = new Optimizer.Adam(adam.learningRate(), adam.beta1(), adam.beta2(), epsilon);
            }
            return (float) network.trainStep(canonical(batch), optimizer, dropoutRandom);
        }

        @Override
        public float[] predict(Batch batch, Mode mode) {
            Mode effective = flaw == Flaw.DROPOUT_IN_EVAL ? Mode.TRAIN : mode;
            double[] outputs = network.forward(ReferenceNetwork.toDouble(canonical(batch).inputs()), batch.size(), effective,
                    dropoutRandom);
            float[] result = new float[outputs.length];
            for (int i = 0; i < result.length; i++) {
                result[i] = (float) outputs[i];
            }
            return result;
        }

        @Override
        public void close() {
            // nothing native to free
        }

        /** The spec the flawed "engine" really trains: which layers it freezes. */
        private ModelSpec trainedAs(ModelSpec spec) {
            if (spec.frozen().isEmpty() || (flaw != Flaw.FORGOTTEN_FREEZE && flaw != Flaw.FROZEN_HEAD)) {
                return spec;
            }
            return new ModelSpec(spec.name(), spec.inputShape(), spec.layers(), spec.loss(), spec.init(),
                    flaw == Flaw.FORGOTTEN_FREEZE ? Set.of() : spec.parameterisedLayers());
        }

        /** The network computes in NCHW: a channels-last session turns its input back. */
        private Batch canonical(Batch batch) {
            return config.inputLayout().canonical(batch, config.model().inputShape());
        }

        /** What the flawed "engine" does to canonical weights on the way in (and undoes on the way out). */
        private Parameters toNative(Parameters parameters, boolean inbound) {
            if (flaw != Flaw.TRANSPOSED_CONV_KERNEL && flaw != Flaw.CHANNELS_LAST_FLATTEN) {
                return parameters;
            }
            Map<String, Tensor> tensors = new LinkedHashMap<>(parameters.tensors());
            List<Layer> layers = config.model().layers();
            List<int[]> shapes = config.model().activationShapes();
            for (int i = 0; i < layers.size(); i++) {
                if (flaw == Flaw.TRANSPOSED_CONV_KERNEL && layers.get(i) instanceof Layer.Conv2d conv) {
                    String name = conv.name() + ".weight";
                    tensors.put(name, swapLastTwoAxes(tensors.get(name)));
                }
                if (flaw == Flaw.CHANNELS_LAST_FLATTEN && layers.get(i) instanceof Layer.Flatten
                        && layers.get(i + 1) instanceof Layer.Dense dense) {
                    String name = dense.name() + ".weight";
                    tensors.put(name, permuteColumns(tensors.get(name), shapes.get(i), inbound));
                }
            }
            return new Parameters(tensors);
        }
    }

    private static Tensor swapLastTwoAxes(Tensor kernel) {
        int[] shape = kernel.shape();
        int rows = shape[2];
        int cols = shape[3];
        float[] data = kernel.data();
        float[] out = new float[data.length];
        for (int block = 0; block < data.length / (rows * cols); block++) {
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    out[block * rows * cols + c * rows + r] = data[block * rows * cols + r * cols + c];
                }
            }
        }
        return new Tensor(shape, out);
    }

    /** Inbound: the weight's columns arrive in channels-last order and are put back in canonical order; outbound the reverse. */
    private static Tensor permuteColumns(Tensor weight, int[] chw, boolean inbound) {
        return new Tensor(weight.shape(), InputLayout.CHANNELS_LAST.permuteFlattenedColumns(weight.data(), weight.shape()[1], chw, !inbound));
    }
}
