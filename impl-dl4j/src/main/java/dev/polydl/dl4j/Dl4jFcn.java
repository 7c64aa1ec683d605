package dev.polydl.dl4j;

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
        return base.list()
                .layer(new DenseLayer.Builder().nIn(784).nOut(512).activation(Activation.RELU).build())
                .layer(Dl4jSession.inputDropout(new DenseLayer.Builder().nIn(512).nOut(256).activation(Activation.RELU),
                        dropout.get(0)).build())
                .layer(Dl4jSession.inputDropout(new OutputLayer.Builder(new LossSoftmaxCrossEntropyOnLogits())
                        .nIn(256).nOut(10).activation(Activation.IDENTITY), dropout.get(1)).build())
                .build();
    }
}
