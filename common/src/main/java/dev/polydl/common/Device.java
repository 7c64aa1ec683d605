package dev.polydl.common;

import java.util.Locale;

/** Where a training session runs. */
public enum Device {
    CPU,
    GPU;

    /** The lower-case name used on the command line and in result files. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
