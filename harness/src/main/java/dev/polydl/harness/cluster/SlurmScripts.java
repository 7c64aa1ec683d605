package dev.polydl.harness.cluster;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The two batch scripts of a comparison on a Slurm cluster, written for people to read, edit and submit by hand:
 * a job array whose task i runs shard i of n of the cells into {@code OUT/shard-i}, and a job that, once the array
 * has ended however it ended, merges the shards into {@code OUT}, runs the portability matrix and writes the report.
 *
 * @param polydl           the {@code polydl} launcher the jobs run (its distribution is built before submission)
 * @param workingDirectory where the jobs start, so that relative paths in the compare options mean what they meant
 * @param out              the folder every node sees: shard folders, merged results, report, scripts and logs
 * @param compareArguments {@code compare} options for every shard and the merge, as typed
 * @param cpusPerTask      CPUs per task, or null for a whole node per task
 * @param partition        null for the cluster's default
 * @param gres             generic resources per task, e.g. {@code gpu:1}; null for none
 * @param maxParallel      the most shards running at once; null for no limit
 */
public record SlurmScripts(Path polydl, Path workingDirectory, Path out, int shards, List<String> compareArguments,
                           Integer cpusPerTask, String partition, String gres, Integer maxParallel) {
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./,:=@%+-]+");

    public Path folder() {
        return out.resolve("slurm");
    }

    public Path logs() {
        return folder().resolve("logs");
    }

    public Path shardScript() {
        return folder().resolve("compare-shards.sh");
    }

    public Path mergeScript() {
        return folder().resolve("merge.sh");
    }

    /** The job array: one task per shard. */
    public String shardScriptText() {
        StringBuilder script = new StringBuilder();
        script.append("#!/usr/bin/env bash\n")
                .append("# polydl compare as a Slurm job array: task i runs shard i of ").append(shards)
                .append(" of the cells into ").append(out).append("/shard-i.\n")
                .append("# Written by polydl submit slurm; edit it freely. To submit it by hand:\n")
                .append("#   ").append(String.join("\n#   ", submitCommands())).append('\n')
                .append("#SBATCH --job-name=polydl-compare\n")
                .append("#SBATCH --array=1-").append(shards).append(maxParallel == null ? "" : "%" + maxParallel).append('\n');
        resources(script);
        directive(script, "output", logs() + "/shard-%a.job-%A.log");
        preamble(script);
        script.append("exec \"$polydl\" compare").append(arguments())
                .append(" \\\n    --shard \"$SLURM_ARRAY_TASK_ID/$shards\" --threads \"$threads\" --out \"$out/shard-$SLURM_ARRAY_TASK_ID\"\n");
        return script.toString();
    }

    /** The merge: every shard folder into {@code out}, the portability matrix over the merged weights, the report. */
    public String mergeScriptText() {
        StringBuilder script = new StringBuilder();
        script.append("#!/usr/bin/env bash\n")
                .append("# Merges the ").append(shards).append(" shard folders of polydl compare-shards.sh into ").append(out)
                .append(",\n# runs the portability matrix over the merged weights and writes the report there.\n")
                .append("# Submitted to start after the job array has ended, whether or not every cell succeeded.\n")
                .append("#SBATCH --job-name=polydl-merge\n");
        resources(script);
        directive(script, "output", logs() + "/merge.job-%j.log");
        preamble(script);
        script.append("shard_folders=()\n")
                .append("for i in $(seq 1 \"$shards\"); do shard_folders+=(--merge \"$out/shard-$i\"); done\n")
                .append("exec \"$polydl\" compare").append(arguments())
                .append(" \\\n    \"${shard_folders[@]}\" --threads \"$threads\" --out \"$out\"\n");
        return script.toString();
    }

    /** The commands that submit both scripts, the merge after the array has ended however it ended. */
    public List<String> submitCommands() {
        return List.of("array=$(sbatch --parsable " + quote(shardScript().toString()) + ")",
                "sbatch --parsable --dependency=afterany:\"${array%%;*}\" " + quote(mergeScript().toString()));
    }

    private void resources(StringBuilder script) {
        // A whole node per task unless told otherwise: a shard that shares its node shares its timings' noise too.
        script.append(cpusPerTask == null ? "#SBATCH --exclusive\n" : "#SBATCH --cpus-per-task=" + cpusPerTask + "\n");
        if (partition != null) {
            directive(script, "partition", partition);
        }
        if (gres != null) {
            directive(script, "gres", gres);
        }
        directive(script, "chdir", workingDirectory.toString());
    }

    /** One #SBATCH line; sbatch reads a value with blanks in double quotes as one. */
    private static void directive(StringBuilder script, String option, String value) {
        script.append("#SBATCH --").append(option).append('=')
                .append(value.matches(".*[\\s\"].*") ? '"' + value.replace("\"", "\\\"") + '"' : value).append('\n');
    }

    private void preamble(StringBuilder script) {
        script.append("set -euo pipefail\n\n")
                .append("polydl=").append(quote(polydl.toString())).append('\n')
                .append("out=").append(quote(out.toString())).append('\n')
                .append("shards=").append(shards).append('\n')
                .append("# The distribution was built before submission: no task may start a build of its own.\n")
                .append("export POLYDL_NO_BUILD=1\n")
                .append("# Engine natives unpacked on this node's own disk, not into a home folder every node shares.\n")
                .append("export POLYDL_NATIVE_CACHE=\"${POLYDL_NATIVE_CACHE:-${TMPDIR:-/tmp}/polydl-natives-$(id -un)}\"\n")
                .append("# Every engine gets exactly the CPUs Slurm allocated to this task.\n")
                .append("threads=\"${SLURM_CPUS_PER_TASK:-${SLURM_CPUS_ON_NODE:-$(nproc)}}\"\n\n");
    }

    private String arguments() {
        List<String> quoted = new ArrayList<>();
        compareArguments.forEach(argument -> quoted.add(quote(argument)));
        return quoted.isEmpty() ? "" : " " + String.join(" ", quoted);
    }

    /** The argument as one shell word: as it is when it holds nothing the shell would change, else single-quoted. */
    static String quote(String argument) {
        return PLAIN.matcher(argument).matches() ? argument : "'" + argument.replace("'", "'\\''") + "'";
    }
}
