package dev.polydl.harness.report;

/**
 * One section of the report. A section computes its numbers when it is made and renders them in {@link #append}, below
 * the {@code ## title} heading that the report writes for it, and that the table of contents links to.
 */
interface Section {
    String title();

    /** The section's body, below its heading. */
    void append(StringBuilder md);
}
