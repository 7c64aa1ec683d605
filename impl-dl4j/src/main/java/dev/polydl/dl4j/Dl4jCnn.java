package dev.polydl.dl4j;

import dev.polydl.common.InputLayout;
import dev.polydl.common.Layer;
import dev.polydl.common.ModelSpec;
import java.util.List;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.nd4j.linalg.activations.Activation;

/**
 * CNN: conv 3×3×32 ReLU → conv 3×3×64 ReLU → max-pool 2 → dropout → flatten → 128 ReLU → dropout
 * → 10 logits, on NCHW or NHWC input (DL4J's kernels take both); the input type makes DL4J insert
 * the flatten and size the dense layer. The flatten follows the data format, so for NHWC the dense
 * kernel's rows come in channels-last order, which {@link Dl4jSession} accounts for.
 */
final class Dl4jCnn {
    private Dl4jCnn() {
    }

    static MultiLayerConfiguration configuration(ModelSpec spec, InputLayout layout, NeuralNetConfiguration.Builder base) {
        List<Double> dropout = spec.dropoutRates();
        CNN2DFormat format = layout == InputLayout.CHANNELS_FIRST ? CNN2DFormat.NCHW : CNN2DFormat.NHWC;
        Layer.Conv2d conv1 = spec.conv(0);
        Layer.Conv2d conv2 = spec.conv(1);
        int pool = spec.pool(0).size();
        int[] input = spec.inputShape();
        return base.list()
                .layer(new ConvolutionLayer.Builder(conv1.kernel(), conv1.kernel()).nIn(conv1.inChannels()).nOut(conv1.outChannels())
                        .stride(1, 1).dataFormat(format).activation(Activation.RELU).build())
                .layer(new ConvolutionLayer.Builder(conv2.kernel(), conv2.kernel()).nOut(conv2.outChannels()).stride(1, 1)
                        .dataFormat(format).activation(Activation.RELU).build())
                .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(pool, pool).stride(pool, pool)
                        .dataFormat(format).build())
                .layer(Dl4jSession.inputDropout(new DenseLayer.Builder().nOut(spec.dense(0).out()).activation(Activation.RELU),
                        dropout.get(0)).build())
                .layer(Dl4jSession.inputDropout(new OutputLayer.Builder(new LossSoftmaxCrossEntropyOnLogits())
                        .nOut(spec.dense(1).out()).activation(Activation.IDENTITY), dropout.get(1)).build())
                .setInputType(InputType.convolutional(input[1], input[2], input[0], format))
                .build();
    }
}
