package dev.polydl.harness.report;

import dev.polydl.harness.run.CellResult;
import java.util.List;

/** Every cell that did not finish {@code ok}, with its reason. */
final class ProblemsSection implements Section {
    private final Results results;

    ProblemsSection(Results results) {
        this.results = results;
    }

    @Override
    public String title() {
        return "Cells that did not finish `ok`";
    }

    @Override
    public void append(StringBuilder md) {
        List<CellResult> cells = results.cells();
        List<CellResult> bad = cells.stream().filter(c -> !c.status().equals(CellResult.OK)).toList();
        if (bad.isEmpty()) {
            md.append("None: all ").append(cells.size()).append(" cells finished `ok`.\n\n");
            return;
        }
        md.append("| cell | status | reason |\n|---|---|---|\n");
        bad.forEach(c -> md.append("| ").append(c.spec().id()).append(" | ").append(c.status()).append(" | ")
                .append(c.reason() == null ? "" : Markdown.escapePipes(c.reason())).append(" |\n"));
        md.append('\n');
    }
}
