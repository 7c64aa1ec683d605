package dev.polydl.dl4j;

import dev.polydl.common.Batch;
import dev.polydl.common.EngineSetting;
import dev.polydl.common.InputLayout;
import dev.polydl.common.Layer;
import dev.polydl.common.Mode;
import dev.polydl.common.ModelSpec;
import dev.polydl.common.ParameterSpec;
import dev.polydl.common.Parameters;
import dev.polydl.common.SessionConfig;
import dev.polydl.common.Tensor;
import dev.polydl.common.TrainingSession;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.CacheMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Sgd;

/**
 * One canonical model as a DL4J {@link MultiLayerNetwork}. Replacing the parameters builds a new
 * network from the configuration, which also restarts the updater, as the contract asks.
 *
 * <p>Speed settings, with the reason: workspaces on for training and inference (ND4J reuses its
 * off-heap buffers instead of allocating per batch), no layer-activation cache (each batch is seen
 * once), and ND4J's periodic {@code System.gc()} off (with workspaces there is little garbage, and a
 * collection pause inside a step would be timed as training).
 */
final class Dl4jSession implements TrainingSession {
    /** Whether the network built last in this JVM may use DL4J's layer helpers, for {@link Dl4jFramework#nativeBuild()}. */
    static volatile boolean lastBuiltWithHelpers;

    private final SessionConfig config;
    private MultiLayerNetwork network;
    /** The DL4J parameter key ("0_W", "3_b", …) of each canonical parameter, in spec order. */
    private List<String> keys;
    /**
     * One off-heap array each for the inputs and the targets, refilled every batch: a fresh array per step
     * would leave its native memory to ND4J's deallocator thread, which frees it only after the garbage
     * collector has found the array dead.
     */
    private INDArray featureBuffer;
    private INDArray labelBuffer;

    Dl4jSession(SessionConfig config) {
        this.config = config;
        Nd4j.getRandom().setSeed(config.seed());
        Nd4j.getMemoryManager().togglePeriodicGc(false);
        setParameters(Parameters.initial(config.model(), config.seed()));
    }

    /** DL4J's dropout is a retain probability on the layer's input; rate 0 means no dropout at all. */
    static <T extends org.deeplearning4j.nn.conf.layers.Layer.Builder<T>> T inputDropout(T builder, double rate) {
        return rate == 0 ? builder : builder.dropOut(1 - rate);
    }

    private MultiLayerConfiguration configuration() {
        ModelSpec spec = config.model();
        IUpdater updater;
        if (config.optimizer() instanceof dev.polydl.common.Optimizer.Sgd sgd) {
            updater = new Sgd(sgd.learningRate());
        } else {
            dev.polydl.common.Optimizer.Adam adam = (dev.polydl.common.Optimizer.Adam) config.optimizer();
            updater = EngineSetting.enabled(Dl4jFramework.CANONICAL_ADAM) ? new Dl4jAdam(adam, Dl4jFramework.denormalFlushSteps())
                    : new Adam(adam.learningRate(), adam.beta1(), adam.beta2(), adam.epsilon());
        }
        NeuralNetConfiguration.Builder base = new NeuralNetConfiguration.Builder()
                .seed(config.seed())
                .dataType(DataType.FLOAT)
                .updater(updater)
                .weightInit(WeightInit.ZERO) // the canonical weights are set right after init
                .trainingWorkspaceMode(WorkspaceMode.ENABLED)
                .inferenceWorkspaceMode(WorkspaceMode.ENABLED)
                .cacheMode(CacheMode.NONE);
        return switch (spec.name()) {
            case "fcn" -> Dl4jFcn.configuration(spec, base);
            case "cnn" -> Dl4jCnn.configuration(spec, config.inputLayout(), base);
            case "transfer" -> Dl4jTransfer.configuration(spec, config.inputLayout(), base);
            case "argsort" -> Dl4jArgsort.configuration(spec, base);
            default -> throw new UnsupportedOperationException("DL4J has no network for model " + spec.name());
        };
    }

    /**
     * DL4J creates a layer's helper when it builds the layer. Its oneDNN helpers compute wrong gradients
     * for NHWC convolutions (the contract kit measured 1.9e-2 off after 5 SGD steps, with exact forward
     * outputs), so a channels-last network is built with DL4J's own kernels whatever the switch says.
     */
    private MultiLayerNetwork build() {
        synchronized (Dl4jSession.class) {
            String helpers = System.getProperty(Dl4jFramework.HELPERS_DISABLE);
            boolean channelsLast = config.inputLayout() == InputLayout.CHANNELS_LAST;
            lastBuiltWithHelpers = !channelsLast && "false".equals(helpers);
            try {
                if (channelsLast) {
                    System.setProperty(Dl4jFramework.HELPERS_DISABLE, "true");
                }
                MultiLayerNetwork built = new MultiLayerNetwork(configuration());
                built.init();
                return built;
            } finally {
                if (channelsLast) {
                    if (helpers == null) {
                        System.clearProperty(Dl4jFramework.HELPERS_DISABLE);
                    } else {
                        System.setProperty(Dl4jFramework.HELPERS_DISABLE, helpers);
                    }
                }
            }
        }
    }

    @Override
    public SessionConfig config() {
        return config;
    }

    @Override
    public void setParameters(Parameters parameters) {
        ModelSpec spec = config.model();
        parameters.validate(spec);
        network = build();
        keys = parameterKeys();
        List<ParameterSpec> canonical = spec.parameters();
        for (int i = 0; i < canonical.size(); i++) {
            Tensor tensor = parameters.get(canonical.get(i).name());
            network.setParam(keys.get(i), toNative(canonical.get(i), tensor, afterFlatten(canonical.get(i))));
        }
        if (spec.name().equals(ModelSpec.TRANSFER.name())) {
            network = Dl4jTransfer.freeze(network, spec);
        }
    }

    @Override
    public Parameters getParameters() {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        List<ParameterSpec> canonical = config.model().parameters();
        for (int i = 0; i < canonical.size(); i++) {
            tensors.put(canonical.get(i).name(), toCanonical(canonical.get(i), network.getParam(keys.get(i)),
                    afterFlatten(canonical.get(i))));
        }
        return new Parameters(tensors);
    }

    @Override
    public float trainStep(Batch batch) {
        network.fit(features(batch), labels(batch));
        return (float) network.score(); // computed in fit, before the update
    }

    @Override
    public float[] predict(Batch batch, Mode mode) {
        return network.output(features(batch), mode == Mode.TRAIN).dup('c').data().asFloat();
    }

    @Override
    public void close() {
        network = null; // ND4J frees the network's off-heap memory through its own reference tracking
        featureBuffer = release(featureBuffer);
        labelBuffer = release(labelBuffer);
    }

    /** The keys of the DL4J layers that hold parameters, matched in order to the canonical Dense/Conv layers. */
    private List<String> parameterKeys() {
        List<Integer> parameterised = new ArrayList<>();
        for (int i = 0; i < network.getnLayers(); i++) {
            if (network.getLayer(i).numParams() > 0) {
                parameterised.add(i);
            }
        }
        List<String> result = new ArrayList<>();
        int layer = 0;
        for (Layer canonicalLayer : config.model().layers()) {
            if (!canonicalLayer.parameters().isEmpty()) {
                result.add(parameterised.get(layer) + "_W");
                result.add(parameterised.get(layer) + "_b");
                layer++;
            }
        }
        return result;
    }

    /**
     * The [C, H, W] shape flattened before this parameter's layer, when it is the weight of the dense
     * layer right after a channels-last flatten (its columns need permuting); null otherwise.
     */
    private int[] afterFlatten(ParameterSpec parameter) {
        List<Layer> layers = config.model().layers();
        for (int i = 0; i + 1 < layers.size(); i++) {
            if (layers.get(i) instanceof Layer.Flatten && layers.get(i + 1) instanceof Layer.Dense dense
                    && parameter.name().equals(dense.name() + ".weight") && config.inputLayout() == InputLayout.CHANNELS_LAST) {
                return config.model().activationShapes().get(i);
            }
        }
        return null;
    }

    /**
     * DL4J keeps dense weights as [in, out] and biases as [1, out]; conv kernels are OIHW as in
     * canonical, whatever the data format. After a channels-last flatten the dense weight's inputs
     * come in channels-last order.
     */
    private static INDArray toNative(ParameterSpec spec, Tensor tensor, int[] flattened) {
        long[] shape = Arrays.stream(tensor.shape()).asLongStream().toArray();
        float[] data = flattened == null ? tensor.data() : InputLayout.CHANNELS_LAST.permuteFlattenedColumns(tensor.data(), (int) shape[1], flattened, true);
        INDArray array = Nd4j.create(data, shape, 'c');
        if (spec.isBias()) {
            return array.reshape('c', 1, shape[0]);
        }
        return shape.length == 2 ? array.transpose() : array;
    }

    private static Tensor toCanonical(ParameterSpec spec, INDArray array, int[] flattened) {
        INDArray canonical = !spec.isBias() && spec.shape().length == 2 ? array.transpose() : array;
        float[] data = canonical.dup('c').data().asFloat();
        return new Tensor(spec.shape(), flattened == null ? data : InputLayout.CHANNELS_LAST.permuteFlattenedColumns(data, spec.shape()[1], flattened, false));
    }

    private INDArray features(Batch batch) {
        int[] sample = config.model().inputShape();
        if (sample.length == 3 && config.inputLayout() == InputLayout.CHANNELS_LAST) {
            sample = new int[] {sample[1], sample[2], sample[0]};
        }
        long[] shape = new long[sample.length + 1];
        shape[0] = batch.size();
        for (int i = 0; i < sample.length; i++) {
            shape[i + 1] = sample[i];
        }
        featureBuffer = refill(featureBuffer, batch.inputs(), shape);
        return featureBuffer;
    }

    private INDArray labels(Batch batch) {
        int outputs = config.model().outputSize();
        float[] values = batch.targets();
        if (batch.labels() != null) {
            values = new float[batch.size() * outputs];
            for (int s = 0; s < batch.size(); s++) {
                values[s * outputs + batch.labels()[s]] = 1;
            }
        }
        labelBuffer = refill(labelBuffer, values, new long[] {batch.size(), outputs});
        return labelBuffer;
    }

    /** The array itself with the values copied in, or a new one when the shape changed (the last, smaller batch). */
    private static INDArray refill(INDArray array, float[] values, long[] shape) {
        if (array == null || !Arrays.equals(array.shape(), shape)) {
            release(array);
            array = Nd4j.create(DataType.FLOAT, shape, 'c');
        }
        array.data().asNioFloat().put(values);
        return array;
    }

    private static INDArray release(INDArray array) {
        if (array != null && array.closeable()) {
            array.close();
        }
        return null;
    }
}
