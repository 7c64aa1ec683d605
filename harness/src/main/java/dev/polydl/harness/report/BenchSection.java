package dev.polydl.harness.report;

import dev.polydl.harness.run.ResultFolder;
import java.nio.file.Path;
import java.util.List;

/** The JMH section of the report (issue 7); empty until benchmark results exist. */
final class BenchSection {
    private BenchSection() {
    }

    static void append(StringBuilder md, List<ResultFolder> inputs, Path output, List<String> chartProblems) {
        // Filled in with the benchmarks.
    }
}
