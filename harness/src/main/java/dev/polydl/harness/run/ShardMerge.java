package dev.polydl.harness.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Gathers the planned cells of several shard folders into one results folder, with their weights and logs, so that
 * one portability run covers every shard's weights and one report covers every cell. A cell found in several
 * folders (the target included) counts once: {@link CellResult#preferred}. Each cell keeps the machine it was
 * measured on; the shards' steadiness probes are kept beside them.
 */
public final class ShardMerge {
    /**
     * @param copied  cells taken from a shard folder into the target
     * @param kept    cells whose result in the target was already the one that counts
     * @param missing planned cells that no folder has
     * @param absent  shard folders that do not exist (a shard that never started)
     */
    public record Outcome(List<String> copied, List<String> kept, List<String> missing, List<Path> absent) {
    }

    private ShardMerge() {
    }

    public static Outcome gather(List<CellSpec> planned, List<ResultFolder> shards, ResultFolder into) {
        List<ResultFolder> present = shards.stream().filter(shard -> Files.isDirectory(shard.root())).toList();
        List<Path> absent = shards.stream().filter(shard -> !present.contains(shard)).map(ResultFolder::root).toList();
        List<String> copied = new ArrayList<>();
        List<String> kept = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (CellSpec cell : planned) {
            String id = cell.id();
            CellResult best = into.result(id).orElse(null);
            ResultFolder from = null;
            for (ResultFolder shard : present) {
                CellResult candidate = shard.result(id).orElse(null);
                if (candidate != null && (best == null || CellResult.preferred(best, candidate) != best)) {
                    best = candidate;
                    from = shard;
                }
            }
            if (best == null) {
                missing.add(id);
            } else if (from == null) {
                kept.add(id);
            } else {
                copy(from, into, id, best);
                copied.add(id);
            }
        }
        Set<MachineSteadiness> probes = new LinkedHashSet<>();
        for (ResultFolder shard : present) {
            probes.addAll(MachineSteadiness.read(shard.steadiness()));
        }
        if (!probes.isEmpty()) {
            Json.write(into.steadiness(), probes);
        }
        return new Outcome(copied, kept, missing, absent);
    }

    /** The weights and the log first, the cell file last: a merge cut short leaves the cell missing, not half there. */
    private static void copy(ResultFolder from, ResultFolder into, String id, CellResult result) {
        if (result.weights() != null) {
            copyFile(from.weights().resolve(result.weights()), into.weights().resolve(result.weights()));
        }
        copyFile(from.logs().resolve(id + ".log"), into.logs().resolve(id + ".log"));
        Json.write(into.cell(id), result);
    }

    private static void copyFile(Path source, Path target) {
        if (Files.isRegularFile(source)) {
            AtomicFiles.replace(target, "cannot copy " + source + " here",
                    temporary -> Files.copy(source, temporary, StandardCopyOption.REPLACE_EXISTING));
        }
    }
}
