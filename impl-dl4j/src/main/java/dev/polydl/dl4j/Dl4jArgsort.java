package dev.polydl.dl4j;

import dev.polydl.common.ModelSpec;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** Argsort: a single dense n → n output layer, identity activation, mean squared error. */
final class Dl4jArgsort {
    private Dl4jArgsort() {
    }

    static MultiLayerConfiguration configuration(ModelSpec spec, NeuralNetConfiguration.Builder base) {
        int n = spec.inputSize();
        return base.list()
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(n).nOut(n).activation(Activation.IDENTITY).build())
                .build();
    }
}
