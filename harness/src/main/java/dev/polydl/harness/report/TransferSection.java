package dev.polydl.harness.report;

import dev.polydl.common.ModelSpec;
import dev.polydl.harness.run.CellResult;
import dev.polydl.harness.run.CellSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The transfer task's own table: per framework, the pretraining and the transfer timed apart, the accuracy
 * each reached, and the median frozen-feature training step against the median full one, measured in the same
 * worker on batches of the same size: what freezing saves in that framework.
 */
final class TransferSection implements Section {
    /**
     * One framework's transfer cells, pooled over repeats.
     *
     * @param pretrainEpochSeconds  pretraining epochs (full steps, source data)
     * @param transferEpochSeconds  transfer epochs (frozen-feature steps, target data)
     * @param fullStepMs            median pretraining step
     * @param frozenStepMs          median transfer step
     */
    record Row(String framework, int cells, Stats pretrainEpochSeconds, Stats sourceAccuracy, Stats transferEpochSeconds,
               Stats targetAccuracy, double fullStepMs, double frozenStepMs) {
        /** The frozen step's share of the full step's time. */
        double frozenShare() {
            return frozenStepMs / fullStepMs;
        }
    }

    private final List<Row> rows;
    private final String data;

    TransferSection(Results results) {
        rows = rows(results.cells(), results.frameworks());
        data = String.join("; ", results.cells().stream().filter(cell -> cell.spec().isTransfer())
                .map(cell -> cell.spec().data().describeTransfer()).distinct().toList());
    }

    List<Row> rows() {
        return rows;
    }

    /** The rows of the frameworks that have an {@code ok} transfer cell. */
    static List<Row> rows(List<CellResult> cells, List<String> frameworks) {
        List<Row> rows = new ArrayList<>();
        for (String framework : frameworks) {
            List<CellResult> runs = Results.select(cells, ModelSpec.TRANSFER.name(), framework, CellSpec.CHANNELS_FIRST).stream()
                    .filter(run -> run.status().equals(CellResult.OK) && run.pretraining() != null && run.curves() != null).toList();
            if (runs.isEmpty()) {
                continue;
            }
            List<Double> pretrainEpochs = new ArrayList<>();
            List<Double> sourceAccuracy = new ArrayList<>();
            List<Double> transferEpochs = new ArrayList<>();
            List<Double> targetAccuracy = new ArrayList<>();
            List<Double> fullSteps = new ArrayList<>();
            List<Double> frozenSteps = new ArrayList<>();
            for (CellResult run : runs) {
                pretrainEpochs.addAll(run.pretraining().epochSeconds());
                sourceAccuracy.add(run.pretraining().sourceMetric());
                transferEpochs.addAll(run.timings().epochSeconds());
                targetAccuracy.add(run.metric());
                fullSteps.addAll(run.pretraining().curves().stepMs());
                frozenSteps.addAll(run.curves().stepMs());
            }
            rows.add(new Row(framework, runs.size(), Stats.of(pretrainEpochs), Stats.of(sourceAccuracy), Stats.of(transferEpochs),
                    Stats.of(targetAccuracy), Results.median(fullSteps), Results.median(frozenSteps)));
        }
        return rows;
    }

    @Override
    public String title() {
        return "Transfer learning";
    }

    @Override
    public void append(StringBuilder md) {
        md.append("The `transfer` task reuses a trained network's features, as most people use deep learning in practice. ")
                .append("Each framework first pretrains the CNN (nothing frozen) and then freezes its feature layers (both convolutions; ")
                .append("with the pooling, everything before the dense head) in its own idiom: TensorFlow by leaving their variables ")
                .append("out of `tf.gradients` and the optimizer, DJL by `Block.freezeParameters`, DL4J by `TransferLearning` with ")
                .append("`setFeatureExtractor` (`FrozenLayer`). The dense head is re-initialised from the seed and trained. Data: ")
                .append(data).append(". Both phases run in the cell's worker with the cell's batch size, optimizer and epochs, ")
                .append("timed apart. The contract kit checks that the frozen parameters stay bit-identical and that the head ")
                .append("matches the reference network.\n\n");
        if (rows.isEmpty()) {
            md.append("No transfer cell finished `ok`.\n\n");
            return;
        }
        md.append("*Full step*: median training step of the pretraining; *frozen step*: of the transfer; same network, same batch ")
                .append("size, same worker. Their ratio is what freezing saves in that framework: a framework that still ")
                .append("back-propagates into the frozen layers shows a ratio near 1. The warm-up trains frozen steps, so the ")
                .append("pretraining's first epoch is the worker's first use of the full backward pass: its epoch times vary more.\n\n")
                .append("| framework | pretraining epoch (s) | source accuracy | transfer epoch (s) | target accuracy ")
                .append("| full step (ms) | frozen step (ms) | frozen / full |\n|---|---|---|---|---|---|---|---|\n");
        for (Row row : rows) {
            md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %.3g | %.3g | %.2f |%n", row.framework(),
                    row.pretrainEpochSeconds().formatSignificant(3), row.sourceAccuracy().format(4),
                    row.transferEpochSeconds().formatSignificant(3), row.targetAccuracy().format(4), row.fullStepMs(),
                    row.frozenStepMs(), row.frozenShare()));
        }
        md.append('\n');
    }
}
