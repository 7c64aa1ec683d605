package dev.polydl.djl;

import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import dev.polydl.common.ModelSpec;
import java.util.List;

/** FCN: 784 → 512 ReLU → dropout → 256 ReLU → dropout → 10 logits. */
final class DjlFcn {
    private DjlFcn() {
    }

    static Block block(ModelSpec spec) {
        List<Double> dropout = spec.dropoutRates();
        return new SequentialBlock()
                .add(Linear.builder().setUnits(spec.dense(0).out()).build())
                .add(Activation.reluBlock())
                .add(Dropout.builder().optRate(dropout.get(0).floatValue()).build())
                .add(Linear.builder().setUnits(spec.dense(1).out()).build())
                .add(Activation.reluBlock())
                .add(Dropout.builder().optRate(dropout.get(1).floatValue()).build())
                .add(Linear.builder().setUnits(spec.dense(2).out()).build());
    }
}
