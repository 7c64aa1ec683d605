package dev.polydl.harness.report;

import dev.polydl.harness.bench.BenchResults;
import dev.polydl.harness.bench.Ladder;
import dev.polydl.harness.run.ResultFolder;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** The tuning ladder: each engine's training step out of the box, then with one more of polydl's settings per row. */
final class LadderSection {
    private LadderSection() {
    }

    static void append(StringBuilder md, List<ResultFolder> inputs) {
        Map<String, List<Ladder.Rung>> ladders = Ladder.read(inputs);
        md.append("### Tuning ladder\n\n");
        if (ladders.isEmpty()) {
            md.append("No ladder in these folders (`./polydl bench` runs it unless `--no-ladder`).\n\n");
            return;
        }
        md.append("JMH training step (ms, 99.9 % half-width; 2 forks of 6 iterations each) of every engine that polydl configures beyond the thread ")
                .append("count: row 0 is the engine out of the box (its own defaults, e.g. DL4J with its own Adam), each further row ")
                .append("adds one setting, and the last row is the configuration every other number in this report was measured with. ")
                .append("The change is against the row above. Engines not listed run out of the box. Why each setting is there: ")
                .append("`docs/performance.md`.\n\n");
        for (Map.Entry<String, List<Ladder.Rung>> entry : ladders.entrySet()) {
            List<Ladder.Rung> rungs = entry.getValue();
            List<String> configurations = Ladder.configurations(rungs);
            md.append("**").append(entry.getKey()).append("**\n\n");
            List<String> columns = new ArrayList<>(List.of("setting"));
            configurations.forEach(c -> columns.add(c.replace("@", " batch ")));
            columns.add("native build");
            Markdown.header(md, "row", columns);
            for (int i = 0; i < rungs.size(); i++) {
                Ladder.Rung rung = rungs.get(i);
                String setting = rung.index() == 0 ? "out of the box" : "+ " + rung.added();
                md.append("| ").append(rung.index()).append(" | ").append(setting).append(" |");
                for (String configuration : configurations) {
                    String[] parts = configuration.split("@");
                    Map<String, String> params = Map.of("model", parts[0], "batch", parts[1]);
                    Optional<BenchResults.Row> row = BenchSection.find(rung.rows(), "trainStep", entry.getKey(), params);
                    Optional<BenchResults.Row> previous = i == 0 ? Optional.empty()
                            : BenchSection.find(rungs.get(i - 1).rows(), "trainStep", entry.getKey(), params);
                    md.append(' ').append(row.map(r -> format(r) + previous.map(p -> " (" + Markdown.percent(r.score(), p.score()) + ")")
                            .orElse("")).orElse("—")).append(" |");
                }
                md.append(' ').append(rung.run().nativeBuild()).append(" |\n");
            }
            // each engine's ladder may come from another bench run: its rows compare with each other, not with other engines'
            md.append("\nMeasured on ").append(rungs.stream().map(rung -> Machines.of(rung.run())).distinct()
                    .collect(Collectors.joining("; and on "))).append(".\n\n");
        }
    }

    private static String format(BenchResults.Row row) {
        String digits = row.score() >= 100 ? "%.0f" : row.score() >= 10 ? "%.1f" : "%.2f";
        return String.format(Locale.ROOT, digits + " ± " + digits, row.score(), row.error());
    }
}
