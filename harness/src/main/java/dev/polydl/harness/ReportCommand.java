package dev.polydl.harness;

import dev.polydl.harness.report.ReportGenerator;
import dev.polydl.harness.run.Distribution;
import dev.polydl.harness.run.ResultFolder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code polydl report}: regenerates the report from result files, merging several results folders. */
@Command(name = "report", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Regenerates REPORT.md, report.html and the charts from result files. Several --in folders "
                + "(e.g. shards run on several machines) are merged; a cell found in several folders counts once, "
                + "its newest finished result.")
final class ReportCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--in", paramLabel = "DIR", description = "Results folder(s) to read (default: results/ of the project).")
    List<Path> in;

    @Option(names = "--out", paramLabel = "DIR", description = "Where to write the report (default: the first --in folder).")
    Path out;

    @Override
    public Integer call() {
        Distribution distribution = Distribution.located();
        List<Path> folders = in == null ? List.of(distribution.home().resolve("results")) : in;
        for (Path folder : folders) {
            if (!Files.isDirectory(folder)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--in " + folder + ": no such folder");
            }
        }
        Path target = out != null ? out : folders.get(0);
        Path report = new ReportGenerator(folders.stream().map(ResultFolder::new).toList(), target).write();
        System.out.println("report: " + report);
        return 0;
    }
}
