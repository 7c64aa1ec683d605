package dev.polydl.harness.report;

import java.util.List;
import java.util.Locale;

/** Mean and sample standard deviation, and how the report prints them. */
public record Stats(double mean, double sd, int n) {

    public static Stats of(List<Double> values) {
        int n = values.size();
        if (n == 0) {
            return new Stats(Double.NaN, Double.NaN, 0);
        }
        double mean = values.stream().mapToDouble(Double::doubleValue).sum() / n;
        double squares = values.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum();
        return new Stats(mean, n > 1 ? Math.sqrt(squares / (n - 1)) : Double.NaN, n);
    }

    /** As {@link #format(int)} with enough decimals for {@code digits} significant digits of the mean (at most 6). */
    public String formatSignificant(int digits) {
        double magnitude = Math.abs(mean) > 0 ? Math.floor(Math.log10(Math.abs(mean))) : 0;
        return format((int) Math.max(0, Math.min(6, digits - 1 - magnitude)));
    }

    /** "12.3 ± 0.4" with the given decimals; "12.3" and no ± when there is one value. */
    public String format(int decimals) {
        if (n == 0) {
            return "—";
        }
        String pattern = "%." + decimals + "f";
        String text = String.format(Locale.ROOT, pattern, mean);
        return Double.isNaN(sd) ? text : text + " ± " + String.format(Locale.ROOT, pattern, sd);
    }
}
