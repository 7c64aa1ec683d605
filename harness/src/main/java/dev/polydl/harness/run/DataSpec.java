package dev.polydl.harness.run;

import dev.polydl.common.EmbeddedMnist;
import dev.polydl.common.IdxFiles;
import dev.polydl.common.ImageDataset;
import dev.polydl.common.InputFileException;
import dev.polydl.common.MnistCsv;
import dev.polydl.common.TrainTestSplit;
import dev.polydl.common.TransferData;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the image tasks' data comes from: a named dataset, or user files. A file is a CSV
 * ({@code label,pixel0..pixel783}, optional header, optionally gzipped) or an IDX pair written
 * {@code images,labels}. Without a test file, a stratified, seeded split of the train file is used.
 *
 * @param dataset   {@code mnist-sample}, {@code fashion-mnist}, or {@code files}
 * @param train     train file(s), for {@code files}
 * @param test      test file(s), optional
 * @param splitSeed seed of the train/test split where one is needed
 */
public record DataSpec(String dataset, String train, String test, long splitSeed) {
    public static final String MNIST_SAMPLE = EmbeddedMnist.NAME;
    public static final String FASHION_MNIST = "fashion-mnist";
    public static final String FILES = "files";
    /** Debian's dataset-fashion-mnist package installs the IDX files here. */
    public static final Path FASHION_MNIST_DIR = Path.of(System.getProperty("polydl.fashion-mnist.dir", "/usr/share/datasets/fashion-mnist"));

    public DataSpec {
        if (!dataset.equals(MNIST_SAMPLE) && !dataset.equals(FASHION_MNIST) && !dataset.equals(FILES)) {
            throw new UsageException("unknown dataset '" + dataset + "' (expected mnist-sample or fashion-mnist)");
        }
        if (dataset.equals(FILES) && train == null) {
            throw new UsageException("--test needs --train as well");
        }
    }

    /** Human-readable origin, for the report. */
    public String describe() {
        return switch (dataset) {
            case FILES -> "train " + train + (test == null ? " (20 % held out as test)" : ", test " + test);
            case FASHION_MNIST -> "Fashion-MNIST (" + FASHION_MNIST_DIR + ")";
            default -> "embedded MNIST sample (10 000 digits, 8 000 train / 2 000 test)";
        };
    }

    /**
     * The transfer task's data: the embedded sample split by class (digits 0–4 pretrain the features, digits 5–9
     * relabelled 0–4 train the head), or, for any other dataset, the embedded MNIST sample → that dataset.
     */
    public TransferData transfer() {
        return dataset.equals(MNIST_SAMPLE) ? TransferData.byClass(load()) : new TransferData(EmbeddedMnist.split(splitSeed), load());
    }

    /** Human-readable source and target of the transfer task, for the report. */
    public String describeTransfer() {
        return dataset.equals(MNIST_SAMPLE)
                ? "features pretrained on digits 0–4, head trained on digits 5–9 (as classes 0–4) of the " + describe()
                : "features pretrained on the embedded MNIST sample (all 10 digits), head trained on " + describe();
    }

    /** Reads and splits the data; bad files throw {@link InputFileException} naming file and line or offset. */
    public TrainTestSplit load() {
        return switch (dataset) {
            case MNIST_SAMPLE -> EmbeddedMnist.split(splitSeed);
            case FASHION_MNIST -> {
                Path dir = FASHION_MNIST_DIR;
                if (!Files.isDirectory(dir)) {
                    throw new InputFileException(dir, "directory", "not found: install Debian's dataset-fashion-mnist or pass --train/--test");
                }
                yield new TrainTestSplit(
                        IdxFiles.read(dir.resolve("train-images-idx3-ubyte.gz"), dir.resolve("train-labels-idx1-ubyte.gz")),
                        IdxFiles.read(dir.resolve("t10k-images-idx3-ubyte.gz"), dir.resolve("t10k-labels-idx1-ubyte.gz")));
            }
            default -> {
                ImageDataset trainData = readFile(train);
                if (test == null) {
                    yield TrainTestSplit.of(trainData, Math.max(1, trainData.size() / 5), splitSeed);
                }
                yield new TrainTestSplit(trainData, readFile(test));
            }
        };
    }

    /** One CSV file, or an IDX pair {@code images,labels}. */
    public static ImageDataset readFile(String files) {
        String[] parts = files.split(",", -1);
        if (parts.length == 2) {
            return IdxFiles.read(Path.of(parts[0]), Path.of(parts[1]));
        }
        if (parts.length != 1) {
            throw new UsageException("'" + files + "': expected one CSV file or an IDX pair images,labels");
        }
        return MnistCsv.read(Path.of(files));
    }
}
