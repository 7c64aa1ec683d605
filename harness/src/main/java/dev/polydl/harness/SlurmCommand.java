package dev.polydl.harness;

import dev.polydl.harness.cluster.SlurmScripts;
import dev.polydl.harness.run.Distribution;
import dev.polydl.harness.run.OutputFileException;
import dev.polydl.harness.run.UsageException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code polydl submit slurm}: the comparison as a Slurm job array, one shard per task, and a job after it that merges
 * the shards, runs the portability matrix and writes the report. Slurm schedules; polydl only writes the scripts.
 */
@Command(name = "slurm", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Runs polydl compare on a Slurm cluster: a job array with one shard of the cells per task, each into "
                + "OUT/shard-i, then a job (after the array has ended, even with failed cells) that merges them into OUT, "
                + "runs the portability matrix and writes the report there. The scripts land in OUT/slurm, their logs in "
                + "OUT/slurm/logs. Submitted again, each shard runs only what it has not finished.",
                "Any other option is a compare option (see polydl compare --help), given to every shard and the merge; "
                        + "not --shard, --threads (each task uses its allocation's CPUs) or --merge."},
        footer = "Example: polydl submit slurm --tasks fcn,cnn --repeats 3 --shards 6 --cpus-per-task 8 --out /shared/polydl")
final class SlurmCommand implements Callable<Integer> {
    /** Compare options the scripts set themselves, and why. */
    private static final List<String[]> SET_BY_THE_SCRIPTS = List.of(
            new String[] {"--shard", "each task runs its own shard"},
            new String[] {"--threads", "each task uses the CPUs of its allocation (see --cpus-per-task)"},
            new String[] {"--merge", "the merge job merges every shard"},
            new String[] {"--dry-run", "use --print to write the scripts without submitting them"});

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--shards", paramLabel = "N", required = true, description = "Shards, one array task each.")
    int shards;

    @Option(names = "--out", paramLabel = "SHARED_DIR", required = true, description = "A folder every node sees: shards, "
            + "merged results, report, scripts and logs.")
    Path out;

    @Option(names = "--partition", paramLabel = "P", description = "Slurm partition (default: the cluster's).")
    String partition;

    @Option(names = "--cpus-per-task", paramLabel = "T", description = "CPUs per shard; the engines get exactly these "
            + "(default: a whole node per shard, --exclusive, so that shards do not disturb each other's timings).")
    Integer cpusPerTask;

    @Option(names = "--gres", paramLabel = "G", description = "Generic resources per task, e.g. gpu:1 for --device gpu.")
    String gres;

    @Option(names = "--max-parallel", paramLabel = "K", description = "The most shards running at once (default: no limit).")
    Integer maxParallel;

    @Option(names = "--print", description = "Write the scripts and print the commands that submit them; submit nothing.")
    boolean print;

    @CommandLine.Unmatched
    List<String> compareArguments = new ArrayList<>();

    @Override
    public Integer call() {
        Distribution distribution = Distribution.located();
        positive("--shards", shards);
        positive("--cpus-per-task", cpusPerTask);
        positive("--max-parallel", maxParallel);
        checkCompareOptions(distribution);
        Path launcher = distribution.home().resolve("polydl");
        if (!Files.isExecutable(launcher)) {
            throw new UsageException("no polydl launcher at " + launcher + ": submit from a polydl checkout");
        }
        SlurmScripts scripts = new SlurmScripts(launcher, Path.of("").toAbsolutePath(), out.toAbsolutePath().normalize(), shards,
                List.copyOf(compareArguments), cpusPerTask, partition, gres, maxParallel);
        write(scripts.shardScript(), scripts.shardScriptText());
        write(scripts.mergeScript(), scripts.mergeScriptText());
        try {
            Files.createDirectories(scripts.logs());
        } catch (IOException e) {
            throw new OutputFileException(scripts.logs(), "cannot create: " + e.getMessage(), e);
        }
        PrintStream console = System.out;
        console.println("scripts: " + scripts.shardScript() + " (" + shards + " shards), " + scripts.mergeScript());
        if (print) {
            console.println("submit them with:");
            scripts.submitCommands().forEach(command -> console.println("  " + command));
            return 0;
        }
        String array = sbatch(List.of(scripts.shardScript().toString()));
        String merge = sbatch(List.of("--dependency=afterany:" + array, scripts.mergeScript().toString()));
        console.printf("submitted: job array %s (%d shards into %s/shard-1..%d), merge job %s after it%n", array, shards,
                scripts.out(), shards, merge);
        console.println("logs: " + scripts.logs() + "; report when both are done: " + scripts.out().resolve("report.html"));
        console.println("follow: squeue -j " + array + "," + merge);
        return 0;
    }

    /** The compare options, checked as compare checks them, so that a typo fails here rather than in every task. */
    private void checkCompareOptions(Distribution distribution) {
        CompareCommand compare = new CompareCommand();
        CommandLine line = new CommandLine(compare);
        try {
            line.parseArgs(compareArguments.toArray(String[]::new));
        } catch (CommandLine.ParameterException e) {
            throw usage("compare options: " + e.getMessage());
        }
        for (String[] option : SET_BY_THE_SCRIPTS) {
            if (line.getParseResult().hasMatchedOption(option[0])) {
                throw usage(option[0] + " is not for submit: " + option[1]);
            }
        }
        try {
            compare.check(distribution);
        } catch (CommandLine.ParameterException e) {
            throw usage("compare options: " + e.getMessage());
        }
    }

    /** Submits with {@code sbatch --parsable}; returns the job id. */
    private static String sbatch(List<String> arguments) {
        List<String> command = new ArrayList<>(List.of("sbatch", "--parsable"));
        command.addAll(arguments);
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new UsageException("cannot run sbatch (" + e.getMessage() + "): is this a Slurm login node? "
                    + "--print writes the scripts without submitting them");
        }
        try {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            String last = output.lines().reduce((first, next) -> next).orElse("no output");
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0 || output.isEmpty()) {
                throw new UsageException("sbatch " + String.join(" ", arguments) + " refused: " + last);
            }
            // --parsable prints "id" or "id;cluster"
            return last.split(";", 2)[0].trim();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read sbatch's answer: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sbatch ran", e);
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (IOException e) {
            throw new OutputFileException(file, "cannot write: " + e.getMessage(), e);
        }
    }

    private void positive(String option, Integer value) {
        if (value != null && value <= 0) {
            throw usage(option + ": must be positive, got " + value);
        }
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }
}
