package dev.polydl.harness.report;

import dev.polydl.harness.worker.Worker;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the report's charts go ({@code charts/} beside it), and the charts that could not be drawn: a chart that
 * fails (e.g. a JVM without fonts) is listed at the end of the report rather than failing it.
 */
final class ChartFolder {
    private final Path output;
    private final List<String> problems = new ArrayList<>();

    ChartFolder(Path output) {
        this.output = output;
    }

    /** Draws one chart of the report. */
    interface Writer {
        void write(Path file) throws IOException;
    }

    /** Draws {@code charts/<name>} and links it from the report. */
    void embed(StringBuilder md, String name, String alt, Writer writer) {
        try {
            writer.write(output.resolve("charts").resolve(name));
            md.append("![").append(alt).append("](charts/").append(name).append(")\n\n");
        } catch (IOException | RuntimeException | LinkageError e) {
            problems.add(name + ": " + Worker.oneLine(e));
        }
    }

    List<String> problems() {
        return problems;
    }
}
