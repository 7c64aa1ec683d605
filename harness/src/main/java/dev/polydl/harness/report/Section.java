package dev.polydl.harness.report;

/**
 * One section of the report. A section computes its numbers when it is made and renders them in {@link #append},
 * which starts with the {@code ## title} heading that the table of contents links to.
 */
interface Section {
    String title();

    void append(StringBuilder md);

    /** The {@code ## title} heading and a blank line. */
    default void heading(StringBuilder md) {
        md.append("## ").append(title()).append("\n\n");
    }
}
