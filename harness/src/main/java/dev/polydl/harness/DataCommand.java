package dev.polydl.harness;

import dev.polydl.common.ImageDataset;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code polydl data check FILE}: reads a data file the way {@code compare} would and prints its summary. */
@Command(name = "data", mixinStandardHelpOptions = true, description = "Data file tools.", subcommands = DataCommand.Check.class)
final class DataCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "a subcommand is needed: check");
    }

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = {"Validates an MNIST-style data file and prints its summary.",
                    "FILE is a CSV (label,pixel0..pixel783; optional header; plain or gzipped) or an IDX pair images,labels."})
    static final class Check implements Callable<Integer> {
        @Parameters(paramLabel = "FILE", description = "CSV file, or IDX images,labels")
        String file;

        @Override
        public Integer call() {
            long start = System.nanoTime();
            ImageDataset data = dev.polydl.harness.run.DataSpec.readFile(file);
            float min = Float.MAX_VALUE;
            float max = -Float.MAX_VALUE;
            for (float pixel : data.pixels()) {
                min = Math.min(min, pixel);
                max = Math.max(max, pixel);
            }
            System.out.printf("%s: ok, %d images of %d×%d, pixels %.3f..%.3f, read in %.0f ms%n", Path.of(file.split(",")[0]),
                    data.size(), data.rows(), data.cols(), min, max, (System.nanoTime() - start) / 1e6);
            System.out.println("per class: " + Arrays.toString(data.classCounts()));
            return 0;
        }
    }
}
