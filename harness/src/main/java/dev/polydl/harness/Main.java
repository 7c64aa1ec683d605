package dev.polydl.harness;

import dev.polydl.common.InputFileException;
import dev.polydl.harness.run.FolderLock;
import dev.polydl.harness.run.OutputFileException;
import dev.polydl.harness.run.UsageException;
import dev.polydl.harness.worker.Worker;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code polydl}: the comparison's command line. Bad arguments and bad data end with one line on
 * stderr and exit status 2; anything else that goes wrong, one line naming a log and status 1.
 */
@Command(name = "polydl", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Trains the same networks in TensorFlow Java, DJL (PyTorch, MXNet) and Deeplearning4j, and compares them.",
        subcommands = {CompareCommand.class, BenchCommand.class, ReportCommand.class, DataCommand.class, SubmitCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    public static final int USAGE = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is needed: compare, bench, report, data or submit (see --help)");
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
        commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> exitStatus(e, cmd.getCommandName(), cmd.getErr()));
        try {
            return commandLine.execute(args);
        } finally {
            FolderLock.releaseAll();
        }
    }

    /**
     * Bad arguments and bad input files: their one line and {@link #USAGE}. Anything else is polydl's own fault:
     * one line naming a log with the stack trace, and status 1.
     */
    static int exitStatus(Exception e, String command, PrintWriter err) {
        if (e instanceof InputFileException || e instanceof UsageException || e instanceof OutputFileException) {
            err.println(command + ": " + e.getMessage());
            return USAGE;
        }
        String log;
        try {
            Path file = Files.createTempFile("polydl-error-", ".log");
            try (PrintWriter writer = new PrintWriter(Files.newBufferedWriter(file))) {
                e.printStackTrace(writer);
            }
            log = "stack trace in " + file;
        } catch (IOException | RuntimeException logFailure) {
            log = "no log: " + logFailure.getMessage();
        }
        err.println(command + ": internal error: " + Worker.oneLine(e) + " (" + log + ")");
        return 1;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Main.class.getPackage().getImplementationVersion();
            return new String[] {"polydl " + (version != null ? version : "(development build)")};
        }
    }
}
