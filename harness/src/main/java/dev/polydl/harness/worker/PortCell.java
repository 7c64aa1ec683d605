package dev.polydl.harness.worker;

import dev.polydl.common.Device;
import dev.polydl.common.Framework;
import dev.polydl.common.Frameworks;
import dev.polydl.common.InputLayout;
import dev.polydl.common.ModelSpec;
import dev.polydl.common.Optimizer;
import dev.polydl.common.Parameters;
import dev.polydl.common.SessionConfig;
import dev.polydl.common.TrainingSession;
import dev.polydl.harness.run.CellSpec;
import dev.polydl.harness.run.DataSpec;
import dev.polydl.harness.run.EngineEnvironment;
import dev.polydl.harness.run.PortResult;
import dev.polydl.harness.run.PortSpec;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Loads every source's trained weights into the target framework and evaluates them on the shared test set. */
final class PortCell {
    private final PortSpec spec;
    private final Path weightsDir;

    PortCell(PortSpec spec, Path weightsDir) {
        this.spec = spec;
        this.weightsDir = weightsDir;
    }

    PortResult run() {
        String startedAt = Instant.now().toString();
        long start = System.nanoTime();
        Framework framework = Frameworks.byId(spec.framework());
        Device device = Device.valueOf(spec.device().toUpperCase(Locale.ROOT));
        Map<String, List<PortSpec.Source>> byTask = new LinkedHashMap<>();
        spec.sources().forEach(source -> byTask.computeIfAbsent(source.task(), task -> new ArrayList<>()).add(source));
        List<PortResult.Entry> entries = new ArrayList<>();
        // FCN and CNN share one image test set: read it once (argsort and transfer have their own).
        Map<String, TrainCell.TaskData> dataByKind = new LinkedHashMap<>();
        byTask.forEach((task, sources) -> {
            ModelSpec model = ModelSpec.byName(task);
            CellSpec dataOnly = dataOnly(task, spec.data());
            var data = dataByKind.computeIfAbsent(dataOnly.isArgsort() || dataOnly.isTransfer() ? task : "images",
                    kind -> TrainCell.TaskData.load(dataOnly));
            var config = new SessionConfig(model, device, new Optimizer.Sgd(0.01), 0, spec.threads(), InputLayout.CHANNELS_FIRST);
            try (TrainingSession session = framework.open(config)) {
                for (PortSpec.Source source : sources) {
                    try {
                        session.setParameters(Parameters.load(weightsDir.resolve(source.weights()), model));
                        double metric = TrainCell.evaluate(session, data, InputLayout.CHANNELS_FIRST, model, null);
                        entries.add(new PortResult.Entry(task, source.cell(), source.framework(), metric, null));
                        System.out.printf(Locale.ROOT, "%s: %s weights of %s → %s %.4f%n", spec.framework(), task,
                                source.framework(), data.metricName(), metric);
                    } catch (RuntimeException e) {
                        entries.add(new PortResult.Entry(task, source.cell(), source.framework(), null, Worker.oneLine(e)));
                    }
                }
            }
        });
        return PortResult.finished(spec, Worker.info(framework), startedAt, (System.nanoTime() - start) / 1e9, entries);
    }

    /** A stand-in spec that loads just the task's test data. */
    private static CellSpec dataOnly(String task, DataSpec data) {
        return new CellSpec("port", "none", task, "cpu", CellSpec.CHANNELS_FIRST, 0, 0, 0, 0, 1, "sgd", 0.1, 1, 0, data,
                EngineEnvironment.harnessOnly(), null);
    }
}
