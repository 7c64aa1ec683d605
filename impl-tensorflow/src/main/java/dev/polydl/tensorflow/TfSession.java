package dev.polydl.tensorflow;

import dev.polydl.common.Batch;
import dev.polydl.common.Device;
import dev.polydl.common.Loss;
import dev.polydl.common.Mode;
import dev.polydl.common.ModelSpec;
import dev.polydl.common.Optimizer;
import dev.polydl.common.Parameters;
import dev.polydl.common.SessionConfig;
import dev.polydl.common.Tensor;
import dev.polydl.common.TrainingSession;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * One canonical model as a TensorFlow graph: the network's forward pass (twice: with dropout for
 * training, without for inference), the mean loss, its gradients ({@code tf.gradients}, with respect to the
 * network's trainable variables only) and the optimizer's update ops ({@code ApplyGradientDescent} /
 * {@code ApplyAdam}), all run in one {@link Session} configured with explicit thread pools.
 *
 * <p>The updates are core {@code train} ops rather than tensorflow-framework's optimizers because
 * TensorFlow's Adam adds its epsilon to the uncorrected √v; feeding {@code ApplyAdam} the
 * per-step ε̂ = ε·√(1 − β2^t) makes it exactly the Adam that {@link Optimizer.Adam} defines.
 */
final class TfSession implements TrainingSession {
    private final SessionConfig config;
    private final Graph graph;
    private final Session session;
    private final TfNetwork network;
    private final Placeholder<TFloat32> input;
    private final Operand<TFloat32> trainOutput;
    private final Operand<TFloat32> evalOutput;
    private final Placeholder<TInt32> labels;
    private final Placeholder<TFloat32> targets;
    private final Operand<TFloat32> loss;
    private final List<Op> updates = new ArrayList<>();
    private final Map<String, Placeholder<TFloat32>> newValues = new LinkedHashMap<>();
    private final List<Op> assignments = new ArrayList<>();
    private final List<Op> optimizerResets = new ArrayList<>();
    private Placeholder<TFloat32> beta1Power;
    private Placeholder<TFloat32> beta2Power;
    private Placeholder<TFloat32> epsilonHat;
    private int adamSteps;

    TfSession(SessionConfig config) {
        this.config = config;
        this.graph = new Graph();
        try {
            Ops tf = Ops.create(graph);
            ModelSpec spec = config.model();
            network = switch (spec.name()) {
                case "fcn" -> new TfFcn(tf, spec, config.seed());
                case "cnn" -> new TfCnn(tf, spec, config.inputLayout(), config.seed());
                case "transfer" -> new TfTransfer(tf, spec, config.inputLayout(), config.seed());
                case "argsort" -> new TfArgsort(tf, spec.inputSize());
                default -> throw new UnsupportedOperationException("TensorFlow has no network for model " + spec.name());
            };
            input = tf.withName("input").placeholder(TFloat32.class, Placeholder.shape(network.sampleShape().prepend(-1)));
            trainOutput = network.forward(tf.withSubScope("train"), input, true);
            evalOutput = network.forward(tf.withSubScope("eval"), input, false);
            if (spec.loss() == Loss.SOFTMAX_CROSS_ENTROPY) {
                labels = tf.withName("labels").placeholder(TInt32.class, Placeholder.shape(Shape.of(-1)));
                targets = null;
                // −mean(log softmax(logits)[label]); the fused SparseSoftmaxCrossEntropyWithLogits op has no
                // gradient in TensorFlow's C++ registry, which is all Java graph mode can use.
                Operand<TFloat32> oneHot = tf.oneHot(labels, tf.constant(spec.outputSize()), tf.constant(1f), tf.constant(0f));
                Operand<TFloat32> logLikelihood = tf.sum(tf.math.mul(oneHot, tf.nn.logSoftmax(trainOutput)), tf.constant(1));
                loss = tf.math.neg(tf.math.mean(logLikelihood, tf.constant(0)));
            } else {
                labels = null;
                targets = tf.withName("targets").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, spec.outputSize())));
                loss = tf.math.mean(tf.math.squaredDifference(trainOutput, targets), tf.constant(new int[] {0, 1}));
            }
            buildUpdates(tf);
            for (TfNetwork.Parameter parameter : network.parameters()) {
                Placeholder<TFloat32> value = tf.placeholder(TFloat32.class, Placeholder.shape(parameter.layout().nativeShape()));
                newValues.put(parameter.name(), value);
                assignments.add(tf.assign(parameter.variable(), value));
            }
            session = new Session(graph, sessionConfig(config));
            setParameters(Parameters.initial(spec, config.seed()));
        } catch (RuntimeException e) {
            graph.close();
            throw e;
        }
    }

    /** Intra-op threads as asked; one inter-op thread, so ops run one after another as in the other engines. */
    private static ConfigProto sessionConfig(SessionConfig config) {
        ConfigProto.Builder proto = ConfigProto.newBuilder()
                .setIntraOpParallelismThreads(config.threads())
                .setInterOpParallelismThreads(1);
        if (config.device() == Device.CPU) {
            proto.putDeviceCount("GPU", 0);
        }
        return proto.build();
    }

    private void buildUpdates(Ops tf) {
        List<TfNetwork.Parameter> trainable = network.trainableParameters();
        List<Operand<?>> variables = new ArrayList<>();
        trainable.forEach(parameter -> variables.add(parameter.variable()));
        var gradients = tf.gradients(loss, variables);
        // Ref variables are read when an op runs: every gradient must be computed before any update
        // changes a weight that another gradient still reads.
        List<Op> allGradients = new ArrayList<>();
        List<Operand<TFloat32>> gradientValues = new ArrayList<>();
        for (int i = 0; i < variables.size(); i++) {
            var gradient = tf.identity(gradients.<TFloat32>dy(i));
            allGradients.add(gradient);
            gradientValues.add(gradient);
        }
        Ops afterGradients = tf.withControlDependencies(allGradients);
        Optimizer optimizer = config.optimizer();
        if (optimizer instanceof Optimizer.Sgd sgd) {
            Operand<TFloat32> rate = tf.constant((float) sgd.learningRate());
            for (int i = 0; i < variables.size(); i++) {
                updates.add(afterGradients.train.applyGradientDescent(trainable.get(i).variable(), rate, gradientValues.get(i)));
            }
        } else if (optimizer instanceof Optimizer.Adam adam) {
            beta1Power = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
            beta2Power = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
            epsilonHat = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
            for (int i = 0; i < variables.size(); i++) {
                TfNetwork.Parameter parameter = trainable.get(i);
                Shape shape = parameter.layout().nativeShape();
                Variable<TFloat32> m = tf.variable(shape, TFloat32.class);
                Variable<TFloat32> v = tf.variable(shape, TFloat32.class);
                Operand<TFloat32> zeros = tf.zeros(tf.constant(shape.asArray()), TFloat32.class);
                optimizerResets.add(tf.assign(m, zeros));
                optimizerResets.add(tf.assign(v, zeros));
                updates.add(afterGradients.train.applyAdam(parameter.variable(), m, v, beta1Power, beta2Power,
                        tf.constant((float) adam.learningRate()), tf.constant((float) adam.beta1()),
                        tf.constant((float) adam.beta2()), epsilonHat, gradientValues.get(i)));
            }
        }
    }

    @Override
    public SessionConfig config() {
        return config;
    }

    @Override
    public void setParameters(Parameters parameters) {
        parameters.validate(config.model());
        List<TFloat32> values = new ArrayList<>();
        try {
            Session.Runner runner = session.runner();
            for (TfNetwork.Parameter parameter : network.parameters()) {
                TfLayouts.Layout layout = parameter.layout();
                float[] data = layout.toNative(parameters.get(parameter.name()).data());
                TFloat32 value = TFloat32.tensorOf(layout.nativeShape(), DataBuffers.of(data, true, false));
                values.add(value);
                runner.feed(newValues.get(parameter.name()), value);
            }
            assignments.forEach(runner::addTarget);
            optimizerResets.forEach(runner::addTarget);
            runner.run().close();
        } finally {
            values.forEach(TFloat32::close);
        }
        adamSteps = 0;
    }

    @Override
    public Parameters getParameters() {
        Session.Runner runner = session.runner();
        network.parameters().forEach(parameter -> runner.fetch(parameter.variable()));
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        try (Result result = runner.run()) {
            for (int i = 0; i < network.parameters().size(); i++) {
                TfNetwork.Parameter parameter = network.parameters().get(i);
                float[] data = new float[(int) parameter.layout().nativeShape().size()];
                ((TFloat32) result.get(i)).copyTo(DataBuffers.of(data, false, false));
                int[] canonicalShape = config.model().parameters().get(i).shape();
                tensors.put(parameter.name(), new Tensor(canonicalShape, parameter.layout().toCanonical(data)));
            }
        }
        return new Parameters(tensors);
    }

    @Override
    public float trainStep(Batch batch) {
        List<org.tensorflow.Tensor> fed = new ArrayList<>();
        try {
            Session.Runner runner = session.runner().fetch(loss);
            feedBatch(runner, batch, fed);
            if (beta1Power != null) {
                adamSteps++;
                Optimizer.Adam adam = (Optimizer.Adam) config.optimizer();
                double b1t = Math.pow(adam.beta1(), adamSteps);
                double b2t = Math.pow(adam.beta2(), adamSteps);
                feedScalar(runner, beta1Power, b1t, fed);
                feedScalar(runner, beta2Power, b2t, fed);
                feedScalar(runner, epsilonHat, adam.epsilonOnUncorrectedRoot(adamSteps), fed);
            }
            updates.forEach(runner::addTarget);
            try (Result result = runner.run()) {
                return ((TFloat32) result.get(0)).getFloat();
            }
        } finally {
            fed.forEach(org.tensorflow.Tensor::close);
        }
    }

    @Override
    public float[] predict(Batch batch, Mode mode) {
        List<org.tensorflow.Tensor> fed = new ArrayList<>();
        try {
            TFloat32 x = inputs(batch);
            fed.add(x);
            Session.Runner runner = session.runner().feed(input, x).fetch(mode == Mode.TRAIN ? trainOutput : evalOutput);
            try (Result result = runner.run()) {
                float[] out = new float[batch.size() * config.model().outputSize()];
                ((TFloat32) result.get(0)).copyTo(DataBuffers.of(out, false, false));
                return out;
            }
        } finally {
            fed.forEach(org.tensorflow.Tensor::close);
        }
    }

    private void feedBatch(Session.Runner runner, Batch batch, List<org.tensorflow.Tensor> fed) {
        TFloat32 x = inputs(batch);
        fed.add(x);
        runner.feed(input, x);
        if (labels != null) {
            TInt32 y = TInt32.tensorOf(Shape.of(batch.size()), DataBuffers.of(batch.labels(), true, false));
            fed.add(y);
            runner.feed(labels, y);
        } else {
            TFloat32 y = TFloat32.tensorOf(Shape.of(batch.size(), config.model().outputSize()),
                    DataBuffers.of(batch.targets(), true, false));
            fed.add(y);
            runner.feed(targets, y);
        }
    }

    /** The batch's flat float[] wrapped (not copied into a Java array of arrays) and copied once into native memory. */
    private TFloat32 inputs(Batch batch) {
        return TFloat32.tensorOf(network.sampleShape().prepend(batch.size()), DataBuffers.of(batch.inputs(), true, false));
    }

    private static void feedScalar(Session.Runner runner, Placeholder<TFloat32> placeholder, double value,
                                   List<org.tensorflow.Tensor> fed) {
        TFloat32 scalar = TFloat32.scalarOf((float) value);
        fed.add(scalar);
        runner.feed(placeholder, scalar);
    }

    @Override
    public void close() {
        session.close();
        graph.close();
    }
}
