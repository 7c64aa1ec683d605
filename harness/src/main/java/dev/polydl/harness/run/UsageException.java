package dev.polydl.harness.run;

/**
 * A command-line value the user gave that polydl cannot use (an unknown framework, dataset, shard). The
 * command line ends with its one-line message and exit status 2; any other exception is polydl's own fault.
 */
public class UsageException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(message);
    }
}
