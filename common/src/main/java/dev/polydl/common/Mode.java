package dev.polydl.common;

/** Train mode applies dropout; eval mode never does and is deterministic. */
public enum Mode {
    TRAIN,
    EVAL
}
