/**
 * The canonical models in TensorFlow Java, in TensorFlow's define-and-run idiom: each network file
 * ({@link dev.polydl.tensorflow.TfFcn}, {@link dev.polydl.tensorflow.TfCnn},
 * {@link dev.polydl.tensorflow.TfArgsort}) builds its part of a {@code Graph} with {@code Ops};
 * {@link dev.polydl.tensorflow.TfSession} adds the loss, the gradients and the optimizer updates to
 * the same graph and runs it in a {@code Session}. TensorFlow's CPU kernels want NHWC activations,
 * HWIO conv kernels and {@code [in, out]} dense kernels; {@link dev.polydl.tensorflow.TfLayouts}
 * converts from and to the canonical layout at the boundary.
 */
package dev.polydl.tensorflow;
