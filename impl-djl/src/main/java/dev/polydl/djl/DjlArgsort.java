package dev.polydl.djl;

import ai.djl.nn.Block;
import ai.djl.nn.core.Linear;
import dev.polydl.common.ModelSpec;

/** Argsort: a single dense n → n layer, no activation. */
final class DjlArgsort {
    private DjlArgsort() {
    }

    static Block block(ModelSpec spec) {
        return Linear.builder().setUnits(spec.outputSize()).build();
    }
}
