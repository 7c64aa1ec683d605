package dev.polydl.harness.bench;

import dev.polydl.common.ArgsortData;
import dev.polydl.common.Batch;
import dev.polydl.common.Device;
import dev.polydl.common.EmbeddedMnist;
import dev.polydl.common.Framework;
import dev.polydl.common.Frameworks;
import dev.polydl.common.ImageDataset;
import dev.polydl.common.InputLayout;
import dev.polydl.common.ModelSpec;
import dev.polydl.common.Optimizer;
import dev.polydl.common.SessionConfig;
import java.util.Locale;

/** What every benchmark state sets up the same way: the session config and real input batches. */
final class BenchInputs {
    static final long SEED = 42;
    private static ImageDataset digits;

    private BenchInputs() {
    }

    /** The engine thread count, the same for every framework: {@code -Dpolydl.threads}. */
    static int threads() {
        return Integer.getInteger("polydl.threads", 2);
    }

    static Framework framework(String id, String device) {
        Framework framework = Frameworks.byId(id);
        framework.requireUsable(device(device));
        return framework;
    }

    static Device device(String name) {
        return Device.valueOf(name.toUpperCase(Locale.ROOT));
    }

    /** The config of the runner's defaults: Adam for the classifiers, SGD for argsort. */
    static SessionConfig config(String model, String device) {
        return config(model, device, InputLayout.CHANNELS_FIRST);
    }

    /** As {@link #config(String, String)}, with the network built for the given input layout. */
    static SessionConfig config(String model, String device, InputLayout layout) {
        ModelSpec spec = ModelSpec.byName(model);
        Optimizer optimizer = spec.name().equals("argsort") ? new Optimizer.Sgd(0.5) : Optimizer.Adam.defaults();
        return new SessionConfig(spec, device(device), optimizer, SEED, threads(), layout);
    }

    /** {@code size} real samples: MNIST digits from the embedded sample, or generated argsort arrays. */
    static synchronized Batch batch(String model, int size) {
        if (model.equals("argsort")) {
            return ArgsortData.generate(ModelSpec.ARGSORT.inputSize(), size, SEED);
        }
        if (digits == null) {
            digits = EmbeddedMnist.load();
        }
        int[] indices = new int[size];
        for (int i = 0; i < size; i++) {
            indices[i] = i % digits.size();
        }
        return digits.batch(indices);
    }
}
