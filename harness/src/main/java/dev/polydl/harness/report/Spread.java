package dev.polydl.harness.report;

import dev.polydl.harness.run.MachineSteadiness;
import java.util.List;

/**
 * How steady one cell's epoch times were after the first epoch (warm-up): the relative standard
 * deviation, and whether the deviation is a trend over the run rather than scatter, which points at
 * different causes (state that builds up inside the engine vs other work on the machine).
 *
 * @param relativeSd population sd / mean of the epochs after the first; NaN with fewer than 2 of them
 * @param trend      Spearman rank correlation of epoch time with epoch number: near −1 falls steadily, near +1 rises
 */
public record Spread(double relativeSd, double trend, int epochs) {
    /** The target the report holds every timed cell to: sd/mean at most 5 %. */
    public static final double NOISY = 0.05;
    /** A rank correlation at least this strong is reported as a trend. */
    static final double TREND = 0.7;

    public static Spread of(List<Double> epochSeconds) {
        List<Double> later = epochSeconds.size() > 1 ? epochSeconds.subList(1, epochSeconds.size()) : List.of();
        if (later.size() < 2) {
            return new Spread(Double.NaN, Double.NaN, later.size());
        }
        return new Spread(MachineSteadiness.relativeSd(later), spearman(later), later.size());
    }

    public boolean measured() {
        return !Double.isNaN(relativeSd);
    }

    public boolean noisy() {
        return measured() && relativeSd > NOISY;
    }

    /** Why the cell is noisy, as far as its own numbers tell. */
    public String cause() {
        if (!noisy()) {
            return "";
        }
        if (epochs >= 4 && trend <= -TREND) {
            return "epoch times fall steadily over the run";
        }
        if (epochs >= 4 && trend >= TREND) {
            return "epoch times rise steadily over the run";
        }
        return "epoch times scatter without a trend";
    }

    /** Rank correlation of the values with their order (ties are not expected in measured times). */
    private static double spearman(List<Double> values) {
        int n = values.size();
        double[] ranks = new double[n];
        for (int i = 0; i < n; i++) {
            int below = 0;
            for (double other : values) {
                if (other < values.get(i)) {
                    below++;
                }
            }
            ranks[i] = below;
        }
        double sumSquares = 0;
        for (int i = 0; i < n; i++) {
            sumSquares += (ranks[i] - i) * (ranks[i] - i);
        }
        return 1 - 6 * sumSquares / (n * ((double) n * n - 1));
    }
}
