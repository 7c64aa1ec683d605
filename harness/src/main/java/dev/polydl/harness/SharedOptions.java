package dev.polydl.harness;

import dev.polydl.common.Device;
import dev.polydl.harness.run.Distribution;
import dev.polydl.harness.run.FolderLock;
import dev.polydl.harness.run.ResultFolder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** The options {@code compare} and {@code bench} share, with their checks. */
final class SharedOptions {
    @CommandLine.Spec(CommandLine.Spec.Target.MIXEE)
    CommandLine.Model.CommandSpec mixee;

    @Option(names = "--frameworks", split = ",", paramLabel = "ID", description = "Frameworks to run, e.g. pytorch,dl4j (default: every framework built).")
    List<String> frameworks;

    @Option(names = "--device", paramLabel = "DEVICE", defaultValue = "cpu", description = "cpu or gpu (default: ${DEFAULT-VALUE}).")
    String device;

    @Option(names = "--threads", paramLabel = "N", description = "Threads, the same for every engine (default: this machine's cores).")
    Integer threads;

    @Option(names = "--out", paramLabel = "DIR", description = "Results folder (default: results/ of the project).")
    Path out;

    @Option(names = "--dry-run", description = "Print the plan and exit.")
    boolean dryRun;

    List<String> frameworks(Distribution distribution) {
        return distribution.choose(frameworks);
    }

    Device device() {
        return switch (device.toLowerCase(Locale.ROOT)) {
            case "cpu" -> Device.CPU;
            case "gpu" -> Device.GPU;
            default -> throw usage("--device: unknown device '" + device + "' (expected cpu or gpu)");
        };
    }

    int threads() {
        if (threads != null && threads <= 0) {
            throw usage("--threads: must be positive, got " + threads);
        }
        return threads != null ? threads : Runtime.getRuntime().availableProcessors();
    }

    ResultFolder folder(Distribution distribution) {
        return new ResultFolder(out != null ? out.toAbsolutePath() : distribution.home().resolve("results"));
    }

    /** A duration option such as 400ms, 90s, 20m or 1h. */
    Duration duration(String option, String text, boolean zeroAllowed) {
        var matcher = java.util.regex.Pattern.compile("(\\d+)\\s*(ms|s|m|h)").matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!matcher.matches() || !zeroAllowed && Long.parseLong(matcher.group(1)) == 0) {
            throw usage(option + " '" + text + "': expected a" + (zeroAllowed ? "" : " positive") + " duration such as "
                    + (zeroAllowed ? "0s, 30s or 2m" : "90s, 20m or 1h"));
        }
        long amount = Long.parseLong(matcher.group(1));
        return switch (matcher.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> Duration.ofHours(amount);
        };
    }

    /** Locks the results folder for this command (not for a dry run, which writes nothing). */
    void lock(ResultFolder folder) {
        if (!dryRun) {
            FolderLock.take(folder.root(), mixee.commandLine().getCommandName());
        }
    }

    CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(mixee.commandLine(), message);
    }
}
