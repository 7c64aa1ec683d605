package dev.polydl.tensorflow;

import dev.polydl.common.FrameworkContractKit;

/** The whole contract kit on TensorFlow Java, CNN in both input layouts. */
class TensorFlowContractIT extends FrameworkContractKit {
    TensorFlowContractIT() {
        super("tensorflow");
    }
}
