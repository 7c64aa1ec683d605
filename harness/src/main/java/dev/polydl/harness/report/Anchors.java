package dev.polydl.harness.report;

import java.util.Locale;

/**
 * The id a heading gets, the way GitHub derives it from the heading's text (lower case; letters, digits, spaces, hyphens and
 * underscores kept; spaces to hyphens), so that the report's internal links work both in REPORT.md and in report.html.
 */
final class Anchors {
    private Anchors() {
    }

    static String of(String heading) {
        return heading.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
    }

    /** A Markdown link to a section. */
    static String link(String text, String sectionTitle) {
        return "[" + text + "](#" + of(sectionTitle) + ")";
    }
}
