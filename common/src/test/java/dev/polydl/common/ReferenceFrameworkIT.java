package dev.polydl.common;

/** The whole contract kit on the reference adapter: proves that a correct framework passes every case. */
class ReferenceFrameworkIT extends FrameworkContractKit {
    ReferenceFrameworkIT() {
        super("reference");
    }
}
