package dev.polydl.dl4j;

import dev.polydl.common.Layer;
import dev.polydl.common.ModelSpec;
import java.util.List;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.nd4j.linalg.activations.Activation;

/**
 * FCN: 784 → 512 ReLU → dropout → 256 ReLU → dropout → 10 logits. DL4J attaches dropout to the
 * input of the layer that follows it.
 */
final class Dl4jFcn {
    private Dl4jFcn() {
    }

    static MultiLayerConfiguration configuration(ModelSpec spec, NeuralNetConfiguration.Builder base) {
        List<Double> dropout = spec.dropoutRates();
        Layer.Dense fc1 = spec.dense(0);
        Layer.Dense fc2 = spec.dense(1);
        Layer.Dense fc3 = spec.dense(2);
        return base.list()
                .layer(new DenseLayer.Builder().nIn(fc1.in()).nOut(fc1.out()).activation(Activation.RELU).build())
                .layer(Dl4jSession.inputDropout(new DenseLayer.Builder().nIn(fc2.in()).nOut(fc2.out()).activation(Activation.RELU),
                        dropout.get(0)).build())
                .layer(Dl4jSession.inputDropout(new OutputLayer.Builder(new LossSoftmaxCrossEntropyOnLogits())
                        .nIn(fc3.in()).nOut(fc3.out()).activation(Activation.IDENTITY), dropout.get(1)).build())
                .build();
    }
}
