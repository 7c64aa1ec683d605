package dev.polydl.common;

/** How a model's weights start; biases always start at zero. */
public enum Init {
    /** Uniform on ±√(6 / (fanIn + fanOut)) (Glorot and Bengio 2010; Keras' default). */
    GLOROT_UNIFORM,
    /** All zeros, as the original argsort notebook started its single dense layer. */
    ZEROS
}
