/**
 * The canonical models in Deeplearning4j's layer-level idiom: each network file
 * ({@link dev.polydl.dl4j.Dl4jFcn}, {@link dev.polydl.dl4j.Dl4jCnn}, {@link dev.polydl.dl4j.Dl4jArgsort})
 * is a {@code NeuralNetConfiguration} builder chain for a {@code MultiLayerNetwork}. Two small
 * extensions keep it equal to the other frameworks: a loss that takes logits (so the network's
 * output is logits, not probabilities) and an Adam updater with ε where common defines it.
 */
package dev.polydl.dl4j;
