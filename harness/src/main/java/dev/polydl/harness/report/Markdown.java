package dev.polydl.harness.report;

import java.util.List;
import java.util.Locale;

/** How the report writes numbers and table headers, the same in every section. */
final class Markdown {
    private Markdown() {
    }

    /** A table's header row and separator. */
    static void header(StringBuilder md, String first, List<String> columns) {
        md.append("| ").append(first).append(" |");
        columns.forEach(c -> md.append(' ').append(c).append(" |"));
        md.append("\n|---|").append("---|".repeat(columns.size())).append('\n');
    }

    /** Free text with its pipes escaped, so that it cannot split a table row ({@link ColumnAlignment} splits at unescaped ones). */
    static String escapePipes(String text) {
        return text.replace("|", "\\|");
    }

    /** The change from base to value, e.g. "+12 %". */
    static String percent(double value, double base) {
        return String.format(Locale.ROOT, "%+.0f %%", 100 * (value / base - 1));
    }

    static String sci(Double value) {
        return value == null ? "—" : String.format(Locale.ROOT, "%.1e", value);
    }

    /** A hyper-parameter: plain when it reads well, in powers of ten when small (1e-03). */
    static String num(double value) {
        return value >= 0.01 ? String.format(Locale.ROOT, "%s", value) : String.format(Locale.ROOT, "%.0e", value);
    }
}
