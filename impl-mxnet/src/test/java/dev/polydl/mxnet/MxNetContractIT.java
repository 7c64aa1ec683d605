package dev.polydl.mxnet;

import dev.polydl.common.FrameworkContractKit;

/** The whole contract kit on DJL + MXNet. */
class MxNetContractIT extends FrameworkContractKit {
    MxNetContractIT() {
        super("mxnet");
    }
}
