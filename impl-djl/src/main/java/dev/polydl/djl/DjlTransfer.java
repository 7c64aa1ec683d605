package dev.polydl.djl;

import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import dev.polydl.common.ModelSpec;

/**
 * Transfer: the CNN of {@link DjlCnn} with its feature block frozen in DJL's way, {@code Block.freezeParameters}.
 * Frozen before the trainer initialises the block, its arrays never get a gradient: the engine records no
 * backward pass for the convolutions, and {@link DjlSession} hands only the head's parameters to the optimizer,
 * so the features get no update and no Adam state. With nothing frozen (pretraining) it is the plain CNN.
 */
final class DjlTransfer {
    private DjlTransfer() {
    }

    static Block block(ModelSpec spec) {
        SequentialBlock features = DjlCnn.features(spec);
        if (!spec.frozen().isEmpty()) {
            features.freezeParameters(true);
        }
        return new SequentialBlock().add(features).add(DjlCnn.head(spec));
    }
}
