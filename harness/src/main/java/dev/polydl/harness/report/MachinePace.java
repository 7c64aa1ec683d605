package dev.polydl.harness.report;

import dev.polydl.harness.run.CellResult;
import dev.polydl.harness.run.MachineSteadiness;
import java.util.List;

/**
 * The machine's own pace beside one cell's later epochs, from the fixed probe timed right after each of them: how much
 * the probe varied, and how closely the epoch times followed it. A cell that moves with the probe moved with the
 * machine; one that scatters while the probe holds still scattered for reasons of its own.
 *
 * @param relativeSd  population sd / mean of the probe's times after the later epochs, as a cell's spread is computed
 * @param correlation Pearson correlation of the later epochs' times with the probe's times; NaN with fewer than
 *                    {@link #CORRELATED_EPOCHS} later epochs (two or three points always line up) or when either is constant
 */
record MachinePace(double relativeSd, double correlation) {
    /** A correlation at least this strong is reported as the epochs following the machine. */
    static final double FOLLOWS = 0.7;
    static final int CORRELATED_EPOCHS = 4;

    /** Null when the cell has no probe times (argsort, older files) or fewer than two later epochs. */
    static MachinePace of(CellResult run) {
        List<Double> epochs = run.timings().epochSeconds();
        List<Double> probe = run.timings().epochMachineSeconds();
        if (probe == null || probe.size() != epochs.size() || epochs.size() < 3) {
            return null;
        }
        List<Double> laterEpochs = epochs.subList(1, epochs.size());
        List<Double> laterProbe = probe.subList(1, probe.size());
        return new MachinePace(MachineSteadiness.relativeSd(laterProbe),
                laterEpochs.size() >= CORRELATED_EPOCHS ? pearson(laterEpochs, laterProbe) : Double.NaN);
    }

    boolean epochsFollowIt() {
        return correlation >= FOLLOWS;
    }

    static double pearson(List<Double> x, List<Double> y) {
        double meanX = x.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
        double meanY = y.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < x.size(); i++) {
            double dx = x.get(i) - meanX;
            double dy = y.get(i) - meanY;
            sxy += dx * dy;
            sxx += dx * dx;
            syy += dy * dy;
        }
        return sxx == 0 || syy == 0 ? Double.NaN : sxy / Math.sqrt(sxx * syy);
    }
}
