package dev.polydl.harness;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code polydl submit}: hands the comparison to a cluster's scheduler. Slurm is the one there is. */
@Command(name = "submit", mixinStandardHelpOptions = true, subcommands = SlurmCommand.class,
        description = "Runs the comparison on a cluster through its scheduler: polydl submit slurm.")
final class SubmitCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a scheduler is needed: slurm (see --help)");
    }
}
