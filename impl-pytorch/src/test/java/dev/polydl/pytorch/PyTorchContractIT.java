package dev.polydl.pytorch;

import dev.polydl.common.FrameworkContractKit;

/** The whole contract kit on DJL + PyTorch. */
class PyTorchContractIT extends FrameworkContractKit {
    PyTorchContractIT() {
        super("pytorch");
    }
}
