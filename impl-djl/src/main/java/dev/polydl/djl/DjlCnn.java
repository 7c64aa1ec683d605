package dev.polydl.djl;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.pooling.Pool;
import dev.polydl.common.ModelSpec;
import java.util.List;

/**
 * CNN: conv 3×3×32 ReLU → conv 3×3×64 ReLU → max-pool 2 → dropout → flatten → 128 ReLU → dropout
 * → 10 logits, on NCHW input (DJL's layout for both engines).
 */
final class DjlCnn {
    private DjlCnn() {
    }

    static Block block(ModelSpec spec) {
        List<Double> dropout = spec.dropoutRates();
        return new SequentialBlock()
                .add(Conv2d.builder().setKernelShape(new Shape(3, 3)).setFilters(32).build())
                .add(Activation.reluBlock())
                .add(Conv2d.builder().setKernelShape(new Shape(3, 3)).setFilters(64).build())
                .add(Activation.reluBlock())
                .add(Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2)))
                .add(Dropout.builder().optRate(dropout.get(0).floatValue()).build())
                .add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(128).build())
                .add(Activation.reluBlock())
                .add(Dropout.builder().optRate(dropout.get(1).floatValue()).build())
                .add(Linear.builder().setUnits(10).build());
    }
}
