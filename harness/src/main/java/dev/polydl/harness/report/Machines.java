package dev.polydl.harness.report;

import dev.polydl.harness.run.CellResult;
import dev.polydl.harness.run.Machine;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The machines a report's cells were measured on. Timings are compared and averaged only within one machine:
 * two machines' numbers side by side are the comparison users want, pooled they mean nothing.
 */
final class Machines {
    static final String UNRECORDED = "a machine the result did not record";

    private Machines() {
    }

    /** The label a cell's machine goes by in the report. */
    static String of(CellResult cell) {
        return label(machine(cell));
    }

    /** The label of a machine a result recorded, or says it recorded none (null). */
    static String label(Machine machine) {
        return machine == null ? UNRECORDED : machine.label();
    }

    /** The machines of the cells, in the order they first appear. */
    static List<String> of(List<CellResult> cells) {
        return cells.stream().map(Machines::of).distinct().toList();
    }

    static List<CellResult> on(List<CellResult> cells, String machine) {
        return cells.stream().filter(c -> of(c).equals(machine)).toList();
    }

    /** One row per machine: what it is, and how many cells it measured with which polydl builds. */
    static void appendTable(StringBuilder md, List<CellResult> cells) {
        Map<String, List<CellResult>> byMachine = new LinkedHashMap<>();
        cells.forEach(c -> byMachine.computeIfAbsent(of(c), k -> new ArrayList<>()).add(c));
        md.append("## Machines\n\n");
        if (byMachine.size() > 1) {
            md.append("These results come from ").append(byMachine.size()).append(" machines. Every timing below is per machine; ")
                    .append("no number is pooled across machines.\n\n");
        }
        md.append("| machine | CPU family and model | vector extensions | cores | memory (GiB) | OS | JVM | GPUs | cells | polydl build |\n")
                .append("|---|---|---|---|---|---|---|---|---|---|\n");
        byMachine.forEach((label, group) -> {
            Machine machine = machine(group.get(0));
            String builds = String.join(", ", group.stream().map(c -> c.spec().provenance() == null ? "not recorded"
                    : c.spec().provenance().polydlBuild()).filter(Objects::nonNull).distinct().toList());
            if (machine == null) {
                md.append("| ").append(label).append(" | | | | | | | | ").append(group.size()).append(" | ").append(builds).append(" |\n");
                return;
            }
            md.append(String.format(Locale.ROOT, "| %s | %s | %s | %d | %.1f | %s | %s | %s | %d | %s |%n", label,
                    machine.cpuFamilyModel() == null ? "not known" : machine.cpuFamilyModel(),
                    machine.isaExtensions().isEmpty() ? "none found" : String.join(" ", machine.isaExtensions()), machine.logicalCores(),
                    machine.memoryGiB(), machine.os(), machine.jvm(), machine.gpus().isEmpty() ? "none" : String.join(", ", machine.gpus()),
                    group.size(), builds));
        });
        md.append('\n');
    }

    private static Machine machine(CellResult cell) {
        return cell.spec().provenance() == null ? null : cell.spec().provenance().machine();
    }
}
