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
import dev.polydl.common.Layer;
import dev.polydl.common.ModelSpec;
import java.util.List;

/**
 * CNN: conv 3×3×32 ReLU → conv 3×3×64 ReLU → max-pool 2 → dropout → flatten → 128 ReLU → dropout
 * → 10 logits, on NCHW input (DJL's layout for both engines), as a feature block and a head block
 * (the transfer model freezes the first).
 */
final class DjlCnn {
    private DjlCnn() {
    }

    static Block block(ModelSpec spec) {
        return new SequentialBlock().add(features(spec)).add(head(spec));
    }

    /** Both convolutions and the pooling: what the transfer model freezes. */
    static SequentialBlock features(ModelSpec spec) {
        Layer.Conv2d conv1 = spec.conv(0);
        Layer.Conv2d conv2 = spec.conv(1);
        int pool = spec.pool(0).size();
        return new SequentialBlock()
                .add(Conv2d.builder().setKernelShape(new Shape(conv1.kernel(), conv1.kernel())).setFilters(conv1.outChannels()).build())
                .add(Activation.reluBlock())
                .add(Conv2d.builder().setKernelShape(new Shape(conv2.kernel(), conv2.kernel())).setFilters(conv2.outChannels()).build())
                .add(Activation.reluBlock())
                .add(Pool.maxPool2dBlock(new Shape(pool, pool), new Shape(pool, pool)));
    }

    /** Dropout, flatten and the two dense layers. */
    static SequentialBlock head(ModelSpec spec) {
        List<Double> dropout = spec.dropoutRates();
        return new SequentialBlock()
                .add(Dropout.builder().optRate(dropout.get(0).floatValue()).build())
                .add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(spec.dense(0).out()).build())
                .add(Activation.reluBlock())
                .add(Dropout.builder().optRate(dropout.get(1).floatValue()).build())
                .add(Linear.builder().setUnits(spec.dense(1).out()).build());
    }
}
