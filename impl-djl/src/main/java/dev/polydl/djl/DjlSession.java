package dev.polydl.djl;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.util.Pair;
import dev.polydl.common.Batch;
import dev.polydl.common.Mode;
import dev.polydl.common.ModelSpec;
import dev.polydl.common.ParameterSpec;
import dev.polydl.common.Parameters;
import dev.polydl.common.SessionConfig;
import dev.polydl.common.Shapes;
import dev.polydl.common.Tensor;
import dev.polydl.common.TrainingSession;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One canonical model on one DJL engine: a {@link Model} holding the network's block, and a
 * {@link Trainer} with DJL's own loss and optimizer. The engine is always named explicitly (DJL
 * would otherwise pick whichever it finds first).
 *
 * <p>Weights go in through per-parameter initializers while a new trainer initialises the block,
 * never by writing arrays afterwards: on MXNet a write after {@code trainer.initialize} is silently
 * lost. Replacing the parameters therefore rebuilds model and trainer, which also restarts the
 * optimizer, as the contract asks.
 */
public final class DjlSession implements TrainingSession {
    private final SessionConfig config;
    private final String engineName;
    private final Device device;
    private final int denormalFlushSteps;
    private Model model;
    private Trainer trainer;
    private Optimizer optimizer;
    /** The parameters the optimizer updates, listed once per model rather than walked out of the block every step. */
    private List<Parameter> trainable;
    /**
     * The current batch's inputs, native-ordered and direct. Handing DJL a heap array makes it allocate a
     * new direct buffer on every call, which only the garbage collector frees; this one is reused.
     * PyTorch reads it in place, MXNet copies it once; either way it is only read while a step runs.
     */
    private ByteBuffer inputBuffer;

    /** {@code denormalFlushSteps}: how often Adam clears its moments of denormals ({@link DjlAdam}); 0: never. */
    public DjlSession(SessionConfig config, String engineName, int denormalFlushSteps) {
        this.config = config;
        this.engineName = engineName;
        this.denormalFlushSteps = denormalFlushSteps;
        this.device = config.device() == dev.polydl.common.Device.GPU ? Device.gpu() : Device.cpu();
        Engine.getEngine(engineName).setRandomSeed((int) config.seed());
        setParameters(Parameters.initial(config.model(), config.seed()));
    }

    /** The network file for the model. */
    static Block block(ModelSpec spec) {
        return switch (spec.name()) {
            case "fcn" -> DjlFcn.block(spec);
            case "cnn" -> DjlCnn.block(spec);
            case "transfer" -> DjlTransfer.block(spec);
            case "argsort" -> DjlArgsort.block(spec);
            default -> throw new UnsupportedOperationException("DJL has no network for model " + spec.name());
        };
    }

    @Override
    public SessionConfig config() {
        return config;
    }

    @Override
    public void setParameters(Parameters parameters) {
        ModelSpec spec = config.model();
        parameters.validate(spec);
        closeModel();
        model = Model.newInstance(spec.name(), device, engineName);
        model.setBlock(block(spec));
        optimizer = optimizer();
        trainer = model.newTrainer(new DefaultTrainingConfig(loss(spec)).optOptimizer(optimizer).optDevices(new Device[] {device}));
        List<Parameter> djlParameters = djlParameters();
        trainable = djlParameters.stream().filter(Parameter::requiresGradient).toList();
        List<ParameterSpec> canonical = spec.parameters();
        for (int i = 0; i < canonical.size(); i++) {
            float[] values = parameters.get(canonical.get(i).name()).data();
            djlParameters.get(i).setInitializer((manager, shape, dataType) -> manager.create(values, shape));
        }
        trainer.initialize(inputShape(1));
        for (int i = 0; i < canonical.size(); i++) {
            long[] shape = djlParameters.get(i).getArray().getShape().getShape();
            if (!Arrays.equals(Arrays.stream(canonical.get(i).shape()).asLongStream().toArray(), shape)) {
                throw new IllegalStateException("DJL parameter " + i + " has shape " + Arrays.toString(shape) + ", canonical "
                        + canonical.get(i) + " differs: the block and the spec disagree");
            }
        }
    }

    @Override
    public Parameters getParameters() {
        List<Parameter> djlParameters = djlParameters();
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        List<ParameterSpec> canonical = config.model().parameters();
        for (int i = 0; i < canonical.size(); i++) {
            tensors.put(canonical.get(i).name(), new Tensor(canonical.get(i).shape(), djlParameters.get(i).getArray().toFloatArray()));
        }
        return new Parameters(tensors);
    }

    @Override
    public float trainStep(Batch batch) {
        try (NDManager batchManager = trainer.getManager().newSubManager()) {
            NDList inputs = new NDList(inputs(batchManager, batch));
            NDList labels = new NDList(labels(batchManager, batch));
            float loss;
            try (GradientCollector collector = trainer.newGradientCollector()) {
                NDArray lossValue = trainer.getLoss().evaluate(labels, trainer.forward(inputs));
                collector.backward(lossValue);
                loss = lossValue.getFloat();
            }
            updateParameters();
            return loss;
        }
    }

    /**
     * What {@code Trainer.step()} does on one device, minus one copy: DJL's parameter server duplicates every
     * gradient before handing it to the optimizer, even when there is nothing to sum across devices (4 % of
     * the PyTorch FCN step in the profile, docs/performance.md). The optimizer call is the same.
     */
    private void updateParameters() {
        for (Parameter parameter : trainable) {
            NDArray weight = parameter.getArray();
            try (NDArray gradient = weight.getGradient()) {
                optimizer.update(parameter.getId(), weight, gradient);
            }
        }
    }

    @Override
    @SuppressWarnings("try") // the collector is opened for its side effect: training mode
    public float[] predict(Batch batch, Mode mode) {
        try (NDManager batchManager = trainer.getManager().newSubManager()) {
            NDList inputs = new NDList(inputs(batchManager, batch));
            if (mode == Mode.EVAL) {
                return forward(batchManager, inputs, false);
            }
            // MXNet applies dropout only while autograd is in training mode, which a gradient collector switches on.
            try (GradientCollector trainingMode = trainer.newGradientCollector()) {
                return forward(batchManager, inputs, true);
            }
        }
    }

    private float[] forward(NDManager batchManager, NDList inputs, boolean training) {
        ParameterStore parameterStore = new ParameterStore(batchManager, false);
        return model.getBlock().forward(parameterStore, inputs, training).singletonOrThrow().toFloatArray();
    }

    @Override
    public void close() {
        closeModel();
    }

    private void closeModel() {
        if (trainer != null) {
            trainer.close();
            trainer = null;
        }
        if (model != null) {
            model.close();
            model = null;
        }
    }

    private List<Parameter> djlParameters() {
        List<Parameter> list = model.getBlock().getParameters().stream().map(Pair::getValue).toList();
        if (list.size() != config.model().parameters().size()) {
            throw new IllegalStateException("the DJL block has " + list.size() + " parameters, the spec "
                    + config.model().parameters().size());
        }
        return list;
    }

    private Shape inputShape(int batchSize) {
        int[] sample = config.model().inputShape();
        long[] dims = new long[sample.length + 1];
        dims[0] = batchSize;
        for (int i = 0; i < sample.length; i++) {
            dims[i + 1] = sample[i];
        }
        return new Shape(dims);
    }

    private NDArray inputs(NDManager manager, Batch batch) {
        int bytes = batch.inputs().length * Float.BYTES;
        if (inputBuffer == null || inputBuffer.capacity() < bytes) {
            inputBuffer = ByteBuffer.allocateDirect(bytes).order(ByteOrder.nativeOrder());
        }
        inputBuffer.clear();
        inputBuffer.asFloatBuffer().put(batch.inputs());
        inputBuffer.limit(bytes);
        return manager.create(inputBuffer, inputShape(batch.size()), DataType.FLOAT32);
    }

    private NDArray labels(NDManager manager, Batch batch) {
        if (batch.labels() != null) {
            return manager.create(batch.labels(), new Shape(batch.size()));
        }
        return manager.create(batch.targets(), new Shape(batch.size(), Shapes.size(batch.targets().length / batch.size())));
    }

    /** Softmax cross-entropy on logits with integer labels, or plain MSE (DJL's L2 loss has weight ½ by default). */
    private static Loss loss(ModelSpec spec) {
        return switch (spec.loss()) {
            case SOFTMAX_CROSS_ENTROPY -> Loss.softmaxCrossEntropyLoss();
            case MEAN_SQUARED_ERROR -> Loss.l2Loss("MSE", 1);
        };
    }

    private Optimizer optimizer() {
        dev.polydl.common.Optimizer optimizer = config.optimizer();
        if (optimizer instanceof dev.polydl.common.Optimizer.Sgd sgd) {
            return Optimizer.sgd().setLearningRateTracker(Tracker.fixed((float) sgd.learningRate())).build();
        }
        return new DjlAdam((dev.polydl.common.Optimizer.Adam) optimizer, denormalFlushSteps);
    }
}
