package dev.polydl.dl4j;

import dev.polydl.common.FrameworkContractKit;

/** The whole contract kit on Deeplearning4j. */
class Dl4jContractIT extends FrameworkContractKit {
    Dl4jContractIT() {
        super("dl4j");
    }
}
