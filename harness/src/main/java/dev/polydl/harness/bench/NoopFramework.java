package dev.polydl.harness.bench;

import dev.polydl.common.Batch;
import dev.polydl.common.Device;
import dev.polydl.common.DeviceSupport;
import dev.polydl.common.Framework;
import dev.polydl.common.Mode;
import dev.polydl.common.Parameters;
import dev.polydl.common.SessionConfig;
import dev.polydl.common.TrainingSession;
import java.util.List;

/**
 * The benchmarks' baseline: a framework that goes through the same harness code and does no math.
 * Its step time is the harness's own overhead (call, batch handling, result), which the report
 * states as a share of every real framework's step time.
 */
public final class NoopFramework implements Framework {
    public static final String ID = "noop";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String displayName() {
        return "no-op baseline";
    }

    @Override
    public String frameworkVersion() {
        return "—";
    }

    @Override
    public String nativeVersion() {
        return "none";
    }

    @Override
    public List<DeviceSupport> devices() {
        return List.of(DeviceSupport.usable(Device.CPU, "does no math"), DeviceSupport.usable(Device.GPU, "does no math"));
    }

    @Override
    public TrainingSession open(SessionConfig config) {
        Parameters initial = Parameters.initial(config.model(), config.seed());
        return new TrainingSession() {
            private Parameters parameters = initial;

            @Override
            public SessionConfig config() {
                return config;
            }

            @Override
            public void setParameters(Parameters replacement) {
                parameters = replacement.validate(config.model());
            }

            @Override
            public Parameters getParameters() {
                return parameters;
            }

            @Override
            public float trainStep(Batch batch) {
                return batch.inputs()[0];
            }

            @Override
            public float[] predict(Batch batch, Mode mode) {
                // The caller gets an output array as from any framework: allocating it is part of the overhead.
                return new float[batch.size() * config.model().outputSize()];
            }

            @Override
            public void close() {
                parameters = null;
            }
        };
    }
}
