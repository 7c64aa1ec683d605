package dev.polydl.harness.report;

import dev.polydl.harness.bench.BenchHost;
import dev.polydl.harness.run.CellResult;
import dev.polydl.harness.run.Machine;
import java.util.List;

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

    /** Where a bench host ran and with which polydl build: "AMD EPYC (Zen 4), 2 cores, AVX-512; polydl build 81af41adf33f". */
    static String of(BenchHost.Run run) {
        return label(run.machine()) + (run.machine() == null || run.polydlBuild() == null ? "" : "; polydl build " + run.polydlBuild());
    }

    /** The machines of the cells, in the order they first appear. */
    static List<String> of(List<CellResult> cells) {
        return cells.stream().map(Machines::of).distinct().toList();
    }

    static List<CellResult> on(List<CellResult> cells, String machine) {
        return cells.stream().filter(c -> of(c).equals(machine)).toList();
    }

    static Machine machine(CellResult cell) {
        return cell.spec().provenance() == null ? null : cell.spec().provenance().machine();
    }
}
