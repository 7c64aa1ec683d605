package dev.polydl.harness.report;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Right-aligns the number columns of every Markdown table: a column whose cells below the header are all numbers (or "—")
 * gets the {@code ---:} separator, which GitHub and the HTML page both honour. The first column names the row and stays left.
 */
final class ColumnAlignment {
    /** A number, possibly signed, bold, or followed by its unit, spread or note: "12.3 ± 0.4", "+5 %", "**1**", "9.1 % **noisy**". */
    private static final Pattern NUMBER = Pattern.compile("^(\\*\\*)?[+\\-−±]?\\d.*");
    private static final String NONE = "—";

    private ColumnAlignment() {
    }

    static String apply(String markdown) {
        List<String> lines = new ArrayList<>(markdown.lines().toList());
        for (int i = 1; i < lines.size(); i++) {
            if (!isSeparator(lines.get(i)) || !lines.get(i - 1).startsWith("|")) {
                continue;
            }
            int end = i + 1;
            while (end < lines.size() && lines.get(end).startsWith("|")) {
                end++;
            }
            int columns = cells(lines.get(i)).size();
            StringBuilder separator = new StringBuilder("|");
            for (int column = 0; column < columns; column++) {
                separator.append(column > 0 && numeric(lines.subList(i + 1, end), column) ? "---:|" : "---|");
            }
            lines.set(i, separator.toString());
        }
        return String.join("\n", lines) + (markdown.endsWith("\n") ? "\n" : "");
    }

    private static boolean numeric(List<String> rows, int column) {
        boolean any = false;
        for (String row : rows) {
            List<String> cells = cells(row);
            String cell = column < cells.size() ? cells.get(column) : "";
            if (cell.isEmpty() || cell.equals(NONE)) {
                continue;
            }
            if (!NUMBER.matcher(cell).matches()) {
                return false;
            }
            any = true;
        }
        return any;
    }

    private static boolean isSeparator(String line) {
        return line.matches("\\|(\\s*:?-{3,}:?\\s*\\|)+");
    }

    /** A row's cells, trimmed; an escaped pipe stays inside its cell. */
    private static List<String> cells(String row) {
        String[] parts = row.trim().replaceAll("^\\|", "").replaceAll("\\|$", "").split("(?<!\\\\)\\|", -1);
        List<String> cells = new ArrayList<>();
        for (String part : parts) {
            cells.add(part.trim());
        }
        return cells;
    }
}
