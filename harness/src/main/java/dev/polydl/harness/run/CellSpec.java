package dev.polydl.harness.run;

import dev.polydl.common.Device;
import dev.polydl.common.InputLayout;
import dev.polydl.common.ModelSpec;
import dev.polydl.common.Optimizer;
import java.util.Locale;

/**
 * One training cell: one framework trains one task once (one repeat) in its own JVM.
 *
 * @param seed       this repeat's seed: initial weights and data order
 * @param optimizer  {@code sgd} or {@code adam} (Adam with β1 0.9, β2 0.999, ε 1e-8)
 * @param layout     {@code channels-first} or {@code channels-last} (image models only)
 * @param maxSteps   stop after this many training steps (0: train every epoch to the end)
 * @param warmUpSeconds the most untimed warm-up training, on throwaway sessions of the model, before the timed one (0: none)
 * @param environment the engine environment of the worker JVM; part of the spec, so that another one runs the cell again
 * @param provenance  the machine and polydl build that measure it; null for specs that only load data
 */
public record CellSpec(String id, String framework, String task, String device, String layout, int repeat, long seed,
                       int epochs, int maxSteps, int batchSize, String optimizer, double learningRate, int threads, double warmUpSeconds,
                       DataSpec data, EngineEnvironment environment, Provenance provenance) {

    /** Arrays in the argsort task's train and test sets. */
    public static final int ARGSORT_TRAIN = 10_000;
    public static final int ARGSORT_TEST = 10_000;
    /** The canonical layout's name, as cells and their ids carry it. */
    public static final String CHANNELS_FIRST = layoutName(InputLayout.CHANNELS_FIRST);

    public static String id(String task, String framework, String device, String layout, int repeat) {
        String variant = layout.equals(CHANNELS_FIRST) ? "" : "-" + layout;
        return task + "-" + framework + "-" + device + variant + "-r" + repeat;
    }

    public ModelSpec model() {
        return ModelSpec.byName(task);
    }

    public Device deviceValue() {
        return Device.valueOf(device.toUpperCase(Locale.ROOT));
    }

    public InputLayout inputLayout() {
        return InputLayout.valueOf(layout.toUpperCase(Locale.ROOT).replace('-', '_'));
    }

    public Optimizer optimizerValue() {
        return switch (optimizer) {
            case "sgd" -> new Optimizer.Sgd(learningRate);
            case "adam" -> new Optimizer.Adam(learningRate, 0.9, 0.999, 1e-8);
            default -> throw new IllegalArgumentException("unknown optimizer '" + optimizer + "' (expected sgd or adam)");
        };
    }

    /**
     * This cell's settings without its id, repeat, seed and provenance: cells whose settings are equal may be
     * pooled, whatever machine ran them.
     */
    public CellSpec settings() {
        return new CellSpec("", framework, task, device, layout, 0, 0, epochs, maxSteps, batchSize, optimizer, learningRate, threads,
                warmUpSeconds, data, environment, null);
    }

    public boolean isArgsort() {
        return task.equals(ModelSpec.ARGSORT.name());
    }

    /** Whether the cell pretrains its features before the timed epochs train the head. */
    public boolean isTransfer() {
        return task.equals(ModelSpec.TRANSFER.name());
    }

    public static String layoutName(InputLayout layout) {
        return layout.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
