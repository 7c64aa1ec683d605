package dev.polydl.common;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The parity oracle: any {@link ModelSpec} in plain Java, in double precision, with hand-written
 * forward and backward passes for dense, 2-D convolution (valid, stride 1), ReLU, max-pooling,
 * dropout and flatten, softmax cross-entropy on logits or MSE, and the SGD and Adam updates exactly
 * as {@link Optimizer} defines them. Slow and obvious on purpose: every loop is the textbook
 * formula, and {@code ReferenceNetworkTest} checks every gradient against finite differences.
 *
 * <p>Activations are NCHW and parameters canonical, so no layout conversion happens here.
 */
public final class ReferenceNetwork {
    private final ModelSpec spec;
    private final List<int[]> shapes;
    private final Map<String, double[]> weights = new LinkedHashMap<>();
    private final Map<String, double[]> gradients = new LinkedHashMap<>();
    private final Map<String, double[]> firstMoments = new LinkedHashMap<>();
    private final Map<String, double[]> secondMoments = new LinkedHashMap<>();
    private int adamSteps;

    // What the last forward pass cached for the backward pass.
    private int batch;
    private final List<double[]> inputs = new ArrayList<>();
    private final Map<Integer, double[]> dropoutScales = new LinkedHashMap<>();
    private final Map<Integer, int[]> poolWinners = new LinkedHashMap<>();

    public ReferenceNetwork(ModelSpec spec, Parameters parameters) {
        this.spec = spec;
        this.shapes = spec.activationShapes();
        setParameters(parameters);
    }

    public ModelSpec spec() {
        return spec;
    }

    /** Replaces the weights and restarts Adam. */
    public void setParameters(Parameters parameters) {
        parameters.validate(spec);
        for (ParameterSpec parameter : spec.parameters()) {
            Tensor tensor = parameters.get(parameter.name());
            double[] values = new double[tensor.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = tensor.get(i);
            }
            weights.put(parameter.name(), values);
            gradients.put(parameter.name(), new double[values.length]);
            firstMoments.put(parameter.name(), new double[values.length]);
            secondMoments.put(parameter.name(), new double[values.length]);
        }
        adamSteps = 0;
    }

    /** The weights rounded to float32, in canonical layout. */
    public Parameters parameters() {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        for (ParameterSpec parameter : spec.parameters()) {
            double[] values = weights.get(parameter.name());
            float[] data = new float[values.length];
            for (int i = 0; i < data.length; i++) {
                data[i] = (float) values[i];
            }
            tensors.put(parameter.name(), new Tensor(parameter.shape(), data));
        }
        return new Parameters(tensors);
    }

    /** The weights in double precision (live arrays: finite-difference tests perturb them). */
    public Map<String, double[]> weights() {
        return weights;
    }

    /** The gradients of the last {@link #backward} (live arrays). */
    public Map<String, double[]> gradients() {
        return gradients;
    }

    /**
     * Runs the network; in {@link Mode#TRAIN} dropout draws its masks from {@code random}.
     *
     * @return {@code batchSize × outputs} values
     */
    public double[] forward(double[] x, int batchSize, Mode mode, SplittableRandom random) {
        batch = batchSize;
        inputs.clear();
        dropoutScales.clear();
        poolWinners.clear();
        double[] activation = x;
        for (int i = 0; i < spec.layers().size(); i++) {
            inputs.add(activation);
            activation = forward(i, spec.layers().get(i), activation, mode, random);
        }
        return activation;
    }

    /** The mean loss of {@code outputs} (from the last forward pass) against the batch's labels or targets. */
    public double loss(double[] outputs, Batch target) {
        if (spec.loss() == Loss.SOFTMAX_CROSS_ENTROPY) {
            double total = 0;
            double[] probabilities = softmax(outputs);
            for (int s = 0; s < batch; s++) {
                total -= Math.log(probabilities[s * spec.outputSize() + target.labels()[s]]);
            }
            return total / batch;
        }
        double total = 0;
        for (int i = 0; i < outputs.length; i++) {
            double d = outputs[i] - target.targets()[i];
            total += d * d;
        }
        return total / outputs.length;
    }

    /** Back-propagates the mean loss of the last forward pass into {@link #gradients()}. */
    public void backward(double[] outputs, Batch target) {
        double[] delta = new double[outputs.length];
        if (spec.loss() == Loss.SOFTMAX_CROSS_ENTROPY) {
            double[] probabilities = softmax(outputs);
            int classes = spec.outputSize();
            for (int s = 0; s < batch; s++) {
                for (int c = 0; c < classes; c++) {
                    int k = s * classes + c;
                    delta[k] = (probabilities[k] - (target.labels()[s] == c ? 1 : 0)) / batch;
                }
            }
        } else {
            for (int i = 0; i < outputs.length; i++) {
                delta[i] = 2 * (outputs[i] - target.targets()[i]) / outputs.length;
            }
        }
        for (double[] gradient : gradients.values()) {
            Arrays.fill(gradient, 0);
        }
        for (int i = spec.layers().size() - 1; i >= 0; i--) {
            delta = backward(i, spec.layers().get(i), delta);
        }
    }

    /** Forward in train mode, loss, backward, update; returns the loss before the update. */
    public double trainStep(Batch target, Optimizer optimizer, SplittableRandom random) {
        double[] outputs = forward(toDouble(target.inputs()), target.size(), Mode.TRAIN, random);
        double loss = loss(outputs, target);
        backward(outputs, target);
        update(optimizer);
        return loss;
    }

    /** Applies one optimizer step with the current gradients, as {@link Optimizer} defines it; frozen parameters stay. */
    public void update(Optimizer optimizer) {
        Map<String, double[]> trainable = new LinkedHashMap<>(weights);
        trainable.keySet().removeIf(spec::isFrozen);
        if (optimizer instanceof Optimizer.Sgd sgd) {
            trainable.forEach((name, w) -> {
                double[] g = gradients.get(name);
                for (int i = 0; i < w.length; i++) {
                    w[i] -= sgd.learningRate() * g[i];
                }
            });
        } else if (optimizer instanceof Optimizer.Adam adam) {
            adamSteps++;
            double correction1 = 1 - Math.pow(adam.beta1(), adamSteps);
            double correction2 = 1 - Math.pow(adam.beta2(), adamSteps);
            trainable.forEach((name, w) -> {
                double[] g = gradients.get(name);
                double[] m = firstMoments.get(name);
                double[] v = secondMoments.get(name);
                for (int i = 0; i < w.length; i++) {
                    m[i] = adam.beta1() * m[i] + (1 - adam.beta1()) * g[i];
                    v[i] = adam.beta2() * v[i] + (1 - adam.beta2()) * g[i] * g[i];
                    w[i] -= adam.learningRate() * (m[i] / correction1) / (Math.sqrt(v[i] / correction2) + adam.epsilon());
                }
            });
        }
    }

    public static double[] toDouble(float[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = values[i];
        }
        return out;
    }

    private double[] softmax(double[] logits) {
        int classes = spec.outputSize();
        double[] out = new double[logits.length];
        for (int s = 0; s < batch; s++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < classes; c++) {
                max = Math.max(max, logits[s * classes + c]);
            }
            double sum = 0;
            for (int c = 0; c < classes; c++) {
                out[s * classes + c] = Math.exp(logits[s * classes + c] - max);
                sum += out[s * classes + c];
            }
            for (int c = 0; c < classes; c++) {
                out[s * classes + c] /= sum;
            }
        }
        return out;
    }

    private double[] forward(int index, Layer layer, double[] x, Mode mode, SplittableRandom random) {
        int[] in = shapes.get(index);
        int[] out = shapes.get(index + 1);
        if (layer instanceof Layer.Dense dense) {
            double[] w = weights.get(dense.name() + ".weight");
            double[] b = weights.get(dense.name() + ".bias");
            double[] y = new double[batch * dense.out()];
            for (int s = 0; s < batch; s++) {
                for (int o = 0; o < dense.out(); o++) {
                    double sum = b[o];
                    for (int i = 0; i < dense.in(); i++) {
                        sum += w[o * dense.in() + i] * x[s * dense.in() + i];
                    }
                    y[s * dense.out() + o] = sum;
                }
            }
            return y;
        }
        if (layer instanceof Layer.Conv2d conv) {
            double[] w = weights.get(conv.name() + ".weight");
            double[] b = weights.get(conv.name() + ".bias");
            int k = conv.kernel();
            int inH = in[1];
            int inW = in[2];
            int outH = out[1];
            int outW = out[2];
            double[] y = new double[batch * Shapes.size(out)];
            for (int s = 0; s < batch; s++) {
                for (int o = 0; o < conv.outChannels(); o++) {
                    int yBase = (s * conv.outChannels() + o) * outH * outW;
                    for (int p = 0; p < outH * outW; p++) {
                        y[yBase + p] = b[o];
                    }
                    for (int c = 0; c < conv.inChannels(); c++) {
                        int xBase = (s * conv.inChannels() + c) * inH * inW;
                        for (int kr = 0; kr < k; kr++) {
                            for (int kc = 0; kc < k; kc++) {
                                double wv = w[((o * conv.inChannels() + c) * k + kr) * k + kc];
                                for (int r = 0; r < outH; r++) {
                                    int xRow = xBase + (r + kr) * inW + kc;
                                    int yRow = yBase + r * outW;
                                    for (int col = 0; col < outW; col++) {
                                        y[yRow + col] += wv * x[xRow + col];
                                    }
                                }
                            }
                        }
                    }
                }
            }
            return y;
        }
        if (layer instanceof Layer.Relu) {
            double[] y = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                y[i] = x[i] > 0 ? x[i] : 0;
            }
            return y;
        }
        if (layer instanceof Layer.MaxPool2d pool) {
            int size = pool.size();
            int channels = in[0];
            int inH = in[1];
            int inW = in[2];
            int outH = out[1];
            int outW = out[2];
            double[] y = new double[batch * Shapes.size(out)];
            int[] winners = new int[y.length];
            for (int sc = 0; sc < batch * channels; sc++) {
                for (int r = 0; r < outH; r++) {
                    for (int col = 0; col < outW; col++) {
                        int best = sc * inH * inW + r * size * inW + col * size;
                        for (int dr = 0; dr < size; dr++) {
                            for (int dc = 0; dc < size; dc++) {
                                int candidate = sc * inH * inW + (r * size + dr) * inW + col * size + dc;
                                if (x[candidate] > x[best]) {
                                    best = candidate;
                                }
                            }
                        }
                        int target = (sc * outH + r) * outW + col;
                        y[target] = x[best];
                        winners[target] = best;
                    }
                }
            }
            poolWinners.put(index, winners);
            return y;
        }
        if (layer instanceof Layer.Dropout dropout) {
            if (mode == Mode.EVAL || dropout.rate() == 0) {
                return x;
            }
            double[] scale = new double[x.length];
            double[] y = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                scale[i] = random.nextDouble() < dropout.rate() ? 0 : 1 / (1 - dropout.rate());
                y[i] = x[i] * scale[i];
            }
            dropoutScales.put(index, scale);
            return y;
        }
        if (layer instanceof Layer.Flatten) {
            return x; // NCHW data is already in channel-major flatten order
        }
        throw new IllegalArgumentException("unknown layer " + layer);
    }

    private double[] backward(int index, Layer layer, double[] dy) {
        double[] x = inputs.get(index);
        int[] in = shapes.get(index);
        int[] out = shapes.get(index + 1);
        if (layer instanceof Layer.Dense dense) {
            double[] w = weights.get(dense.name() + ".weight");
            double[] dw = gradients.get(dense.name() + ".weight");
            double[] db = gradients.get(dense.name() + ".bias");
            double[] dx = new double[x.length];
            for (int s = 0; s < batch; s++) {
                for (int o = 0; o < dense.out(); o++) {
                    double d = dy[s * dense.out() + o];
                    db[o] += d;
                    for (int i = 0; i < dense.in(); i++) {
                        dw[o * dense.in() + i] += d * x[s * dense.in() + i];
                        dx[s * dense.in() + i] += d * w[o * dense.in() + i];
                    }
                }
            }
            return dx;
        }
        if (layer instanceof Layer.Conv2d conv) {
            double[] w = weights.get(conv.name() + ".weight");
            double[] dw = gradients.get(conv.name() + ".weight");
            double[] db = gradients.get(conv.name() + ".bias");
            int k = conv.kernel();
            int inH = in[1];
            int inW = in[2];
            int outH = out[1];
            int outW = out[2];
            double[] dx = new double[x.length];
            for (int s = 0; s < batch; s++) {
                for (int o = 0; o < conv.outChannels(); o++) {
                    int yBase = (s * conv.outChannels() + o) * outH * outW;
                    for (int p = 0; p < outH * outW; p++) {
                        db[o] += dy[yBase + p];
                    }
                    for (int c = 0; c < conv.inChannels(); c++) {
                        int xBase = (s * conv.inChannels() + c) * inH * inW;
                        for (int kr = 0; kr < k; kr++) {
                            for (int kc = 0; kc < k; kc++) {
                                int wIndex = ((o * conv.inChannels() + c) * k + kr) * k + kc;
                                double wv = w[wIndex];
                                double sum = 0;
                                for (int r = 0; r < outH; r++) {
                                    int xRow = xBase + (r + kr) * inW + kc;
                                    int yRow = yBase + r * outW;
                                    for (int col = 0; col < outW; col++) {
                                        sum += dy[yRow + col] * x[xRow + col];
                                        dx[xRow + col] += dy[yRow + col] * wv;
                                    }
                                }
                                dw[wIndex] += sum;
                            }
                        }
                    }
                }
            }
            return dx;
        }
        if (layer instanceof Layer.Relu) {
            double[] dx = new double[dy.length];
            for (int i = 0; i < dy.length; i++) {
                dx[i] = x[i] > 0 ? dy[i] : 0;
            }
            return dx;
        }
        if (layer instanceof Layer.MaxPool2d) {
            double[] dx = new double[x.length];
            int[] winners = poolWinners.get(index);
            for (int i = 0; i < dy.length; i++) {
                dx[winners[i]] += dy[i];
            }
            return dx;
        }
        if (layer instanceof Layer.Dropout) {
            double[] scale = dropoutScales.get(index);
            if (scale == null) {
                return dy;
            }
            double[] dx = new double[dy.length];
            for (int i = 0; i < dy.length; i++) {
                dx[i] = dy[i] * scale[i];
            }
            return dx;
        }
        if (layer instanceof Layer.Flatten) {
            return dy;
        }
        throw new IllegalArgumentException("unknown layer " + layer);
    }
}
