package dev.polydl.common;

import java.util.Objects;

/**
 * Everything that fixes a training session: the model, the device, the optimizer, the seed (for
 * dropout masks and anything else a framework draws at random) and the number of CPU threads the
 * engine may use for its operators. Threads are always explicit: engine defaults differ (all cores,
 * half of them, OpenMP's own choice) and would make timings incomparable. The input layout says how
 * image batches will be fed (see {@link Framework#inputLayouts()}).
 */
public record SessionConfig(ModelSpec model, Device device, Optimizer optimizer, long seed, int threads,
                            InputLayout inputLayout) {
    public SessionConfig {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(optimizer, "optimizer");
        Objects.requireNonNull(inputLayout, "inputLayout");
        if (threads <= 0) {
            throw new IllegalArgumentException("threads must be positive, got " + threads);
        }
    }

    /** A session fed canonical channels-first batches. */
    public SessionConfig(ModelSpec model, Device device, Optimizer optimizer, long seed, int threads) {
        this(model, device, optimizer, seed, threads, InputLayout.CHANNELS_FIRST);
    }

    public SessionConfig withOptimizer(Optimizer newOptimizer) {
        return new SessionConfig(model, device, newOptimizer, seed, threads, inputLayout);
    }

    public SessionConfig withModel(ModelSpec newModel) {
        return new SessionConfig(newModel, device, optimizer, seed, threads, inputLayout);
    }
}
