package dev.polydl.harness;

import dev.polydl.common.InputFileException;
import dev.polydl.harness.worker.Worker;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code polydl}: the comparison's command line. Bad arguments and bad data end with one line on
 * stderr and exit status 2; anything else that goes wrong, one line and status 1.
 */
@Command(name = "polydl", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Trains the same networks in TensorFlow Java, DJL (PyTorch, MXNet) and Deeplearning4j, and compares them.",
        subcommands = {CompareCommand.class, BenchCommand.class, ReportCommand.class, DataCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    public static final int USAGE = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is needed: compare, bench, report or data (see --help)");
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line and returns its exit status (tests call this rather than main). */
    public static int execute(String... args) {
        return execute(new PrintWriter(System.err, true), args);
    }

    /** As {@link #execute(String...)}, with errors going to {@code err}. */
    public static int execute(PrintWriter err, String... args) {
        CommandLine commandLine = new CommandLine(new Main());
        commandLine.setErr(err);
        commandLine.setParameterExceptionHandler((e, arguments) -> {
            e.getCommandLine().getErr().println(e.getCommandLine().getCommandName() + ": " + e.getMessage() + " (see --help)");
            return USAGE;
        });
        commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof InputFileException || e instanceof IllegalArgumentException) {
                cmd.getErr().println(cmd.getCommandName() + ": " + e.getMessage());
                return USAGE;
            }
            cmd.getErr().println(cmd.getCommandName() + ": error: " + Worker.oneLine(e));
            return 1;
        });
        return commandLine.execute(args);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Main.class.getPackage().getImplementationVersion();
            return new String[] {"polydl " + (version != null ? version : "(development build)")};
        }
    }
}
