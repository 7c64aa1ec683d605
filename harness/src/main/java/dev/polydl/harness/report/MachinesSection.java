package dev.polydl.harness.report;

import dev.polydl.harness.run.CellResult;
import dev.polydl.harness.run.Machine;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/** The machines the cells ran on: what each is, and how many cells it measured with which polydl builds. */
final class MachinesSection implements Section {
    private final Results results;

    MachinesSection(Results results) {
        this.results = results;
    }

    @Override
    public String title() {
        return "Machines";
    }

    @Override
    public void append(StringBuilder md) {
        List<CellResult> cells = results.cells();
        Map<String, List<CellResult>> byMachine = new LinkedHashMap<>();
        cells.forEach(c -> byMachine.computeIfAbsent(Machines.of(c), k -> new ArrayList<>()).add(c));
        if (byMachine.size() > 1) {
            md.append("These results come from ").append(byMachine.size()).append(" machines. Every timing below is per machine; ")
                    .append("no number is pooled across machines.\n\n");
        }
        md.append("| machine | CPU family and model | vector extensions | cores | memory (GiB) | OS | JVM | GPUs | cells | polydl build |\n")
                .append("|---|---|---|---|---|---|---|---|---|---|\n");
        byMachine.forEach((label, group) -> {
            Machine machine = Machines.machine(group.get(0));
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
}
