package dev.polydl.dl4j;

import dev.polydl.common.InputLayout;
import dev.polydl.common.ModelSpec;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.transferlearning.TransferLearning;

/**
 * Transfer: the network of {@link Dl4jCnn}, frozen in DL4J's way once its weights are in: {@code
 * TransferLearning.Builder.setFeatureExtractor} wraps the layers up to the pooling in {@code FrozenLayer}s,
 * which get a no-op updater (no state, no update) and pass no gradient further down. With nothing frozen
 * (pretraining) the network stays the plain CNN.
 */
final class Dl4jTransfer {
    /** The last feature layer of {@link Dl4jCnn}'s network: 0 and 1 are the convolutions, 2 the max-pooling. */
    private static final int LAST_FEATURE_LAYER = 2;

    private Dl4jTransfer() {
    }

    static MultiLayerConfiguration configuration(ModelSpec spec, InputLayout layout, NeuralNetConfiguration.Builder base) {
        return Dl4jCnn.configuration(spec, layout, base);
    }

    /** The network with its features frozen, holding the same parameters. */
    static MultiLayerNetwork freeze(MultiLayerNetwork network, ModelSpec spec) {
        if (spec.frozen().isEmpty()) {
            return network;
        }
        return new TransferLearning.Builder(network).setFeatureExtractor(LAST_FEATURE_LAYER).build();
    }
}
