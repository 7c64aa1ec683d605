package dev.polydl.harness.run;

import dev.polydl.common.Device;
import dev.polydl.common.InputLayout;
import dev.polydl.common.ModelSpec;
import dev.polydl.common.Seeds;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The matrix of training cells: task × framework × layout × repeat, in that order, on one device.
 * Per-task defaults make the default run reach FCN ≥ 0.95 and CNN ≥ 0.97 test accuracy on the
 * embedded sample, transfer ≥ 0.95 on its digits 5–9 (3 epochs of pretraining, then 3 of the head: 2 would do, but
 * a single epoch after the first has no spread to judge), and argsort ≥ 99 % (full-batch SGD: with mini-batches its
 * score keeps jumping around 99 %, since many arrays sit next to the rounding boundary); an explicit option overrides a
 * default for every task.
 */
public final class Plan {
    /** Epochs, batch size, optimizer and learning rate a task uses unless told otherwise. */
    public record TaskDefaults(int epochs, int batchSize, String optimizer, double learningRate) {
    }

    public static final Map<String, TaskDefaults> DEFAULTS = Map.of(
            "fcn", new TaskDefaults(8, 32, "adam", 1e-3),
            "cnn", new TaskDefaults(3, 32, "adam", 1e-3),
            "argsort", new TaskDefaults(500, CellSpec.ARGSORT_TRAIN, "sgd", 0.5),
            "transfer", new TaskDefaults(3, 32, "adam", 1e-3));

    /**
     * The rate an optimizer gets when it is not the task's own and no rate is given: a task's rate is tuned
     * for its optimizer only. Adam's is its authors' recommendation; SGD's is Keras's default.
     */
    public static final Map<String, Double> OPTIMIZER_RATES = Map.of("adam", 1e-3, "sgd", 0.01);

    /**
     * Training steps of a layout-variant cell. Its first steps are timed against the same steps of the
     * channels-first cell (same weights, same batches); training it to the end would only repeat the accuracy.
     */
    public static final int LAYOUT_VARIANT_STEPS = 60;

    /** What the user asked for; null fields take the task's default. */
    public record Request(List<String> frameworks, List<String> tasks, Device device, Integer epochs, Integer batchSize,
                          String optimizer, Double learningRate, long seed, int threads, double warmUpSeconds, int repeats,
                          DataSpec data, boolean layoutVariants, Provenance provenance) {
    }

    private Plan() {
    }

    /** Every cell of the request, given what each framework's build reports it can do. */
    public static List<CellSpec> cells(Request request, Map<String, FrameworkDescription> descriptions) {
        List<CellSpec> cells = new ArrayList<>();
        String device = request.device().id();
        for (String task : request.tasks()) {
            ModelSpec model = ModelSpec.byName(task);
            TaskDefaults defaults = DEFAULTS.get(model.name());
            for (String framework : request.frameworks()) {
                List<InputLayout> layouts = List.of(InputLayout.CHANNELS_FIRST);
                FrameworkDescription description = descriptions.get(framework);
                // The layout comparison is the CNN's; the transfer network is the same one.
                if (request.layoutVariants() && model.inputShape().length == 3 && model.frozen().isEmpty() && description != null) {
                    layouts = description.inputLayouts();
                }
                for (InputLayout layout : layouts) {
                    String layoutName = CellSpec.layoutName(layout);
                    boolean variant = layout != InputLayout.CHANNELS_FIRST;
                    for (int repeat = 1; repeat <= request.repeats(); repeat++) {
                        // Repeats differ in initial weights and data order; frameworks in a repeat share both.
                        long seed = Seeds.derive(request.seed(), repeat);
                        cells.add(new CellSpec(CellSpec.id(model.name(), framework, device, layoutName, repeat), framework,
                                model.name(), device, layoutName, repeat, seed,
                                variant ? 1 : or(request.epochs(), defaults.epochs()), variant ? LAYOUT_VARIANT_STEPS : 0,
                                or(request.batchSize(), defaults.batchSize()),
                                optimizer(request, defaults), learningRate(request, defaults), request.threads(),
                                request.warmUpSeconds(), request.data(),
                                description == null ? EngineEnvironment.polydl(List.of()) : description.environment(request.device()),
                                request.provenance()));
                    }
                }
            }
        }
        return cells;
    }

    private static String optimizer(Request request, TaskDefaults defaults) {
        return request.optimizer() != null ? request.optimizer() : defaults.optimizer();
    }

    private static double learningRate(Request request, TaskDefaults defaults) {
        if (request.learningRate() != null) {
            return request.learningRate();
        }
        String optimizer = optimizer(request, defaults);
        return optimizer.equals(defaults.optimizer()) ? defaults.learningRate() : OPTIMIZER_RATES.get(optimizer);
    }

    /** One line per task of what its full cells train with, for the plan; a rate the request left to the optimizer says so. */
    public static List<String> describeTasks(Request request, List<CellSpec> cells) {
        List<String> lines = new ArrayList<>();
        cells.stream().filter(c -> c.maxSteps() == 0).map(CellSpec::task).distinct().forEach(task -> {
            CellSpec cell = cells.stream().filter(c -> c.task().equals(task) && c.maxSteps() == 0).findFirst().orElseThrow();
            TaskDefaults defaults = DEFAULTS.get(task);
            boolean optimizersRate = request.learningRate() == null && !cell.optimizer().equals(defaults.optimizer());
            String rateSource = optimizersRate ? " (" + cell.optimizer() + "'s default rate: the task's own " + defaults.learningRate()
                    + " is for " + defaults.optimizer() + ")" : "";
            lines.add(String.format(Locale.ROOT, "%s: %d epoch%s, batch %d, %s at learning rate %s%s", task, cell.epochs(),
                    cell.epochs() == 1 ? "" : "s", cell.batchSize(), cell.optimizer(), cell.learningRate(), rateSource));
        });
        return lines;
    }

    /** The cells of shard {@code index} (1-based) of {@code count}: every count-th cell, so shards get a similar mix. */
    public static List<CellSpec> shard(List<CellSpec> cells, int index, int count) {
        if (count < 1 || index < 1 || index > count) {
            throw new UsageException("--shard " + index + "/" + count + ": expected i/n with 1 ≤ i ≤ n");
        }
        List<CellSpec> shard = new ArrayList<>();
        for (int i = index - 1; i < cells.size(); i += count) {
            shard.add(cells.get(i));
        }
        return shard;
    }

    /** Parses {@code i/n}. */
    public static int[] parseShard(String text) {
        String[] parts = text.split("/", -1);
        try {
            if (parts.length == 2) {
                int[] shard = {Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim())};
                if (shard[1] >= 1 && shard[0] >= 1 && shard[0] <= shard[1]) {
                    return shard;
                }
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException("--shard '" + text + "': expected i/n with 1 ≤ i ≤ n, e.g. 2/3");
    }

    /**
     * Expected seconds for a cell: its earlier measurement if this folder has one, else its FLOPs at an
     * assumed rate plus the JVM and engine start and the longest warm-up.
     */
    public static double estimateSeconds(CellSpec cell, ResultFolder folder, int trainSamples) {
        var earlier = folder.result(cell.id()).filter(CellResult::finished);
        if (earlier.isPresent()) {
            return earlier.get().wallSeconds() + 3;
        }
        double assumedFlopsPerSecond = 6e9 * cell.threads();
        int samples = cell.isArgsort() ? CellSpec.ARGSORT_TRAIN
                : cell.maxSteps() > 0 ? Math.min(trainSamples, cell.maxSteps() * cell.batchSize()) : trainSamples;
        // A transfer cell first pretrains as long as it then trains (its frozen steps are cheaper: an upper bound).
        double phases = cell.isTransfer() ? 2 : 1;
        return 10 + cell.warmUpSeconds() + phases * cell.epochs() * (double) samples * cell.model().trainStepFlops() / assumedFlopsPerSecond;
    }

    static int or(Integer value, int fallback) {
        return value != null ? value : fallback;
    }

    static double or(Double value, double fallback) {
        return value != null ? value : fallback;
    }

    public static String describe(CellSpec cell) {
        return String.format(Locale.ROOT, "%s %s %s%s r%d", cell.task(), cell.framework(), cell.device(),
                cell.layout().equals(CellSpec.CHANNELS_FIRST) ? "" : " " + cell.layout(), cell.repeat());
    }
}
