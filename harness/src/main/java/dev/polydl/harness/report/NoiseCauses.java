package dev.polydl.harness.report;

import dev.polydl.harness.run.CellResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * Why one noisy cell's later epochs scattered, as far as the numbers measured beside them tell: the
 * shape of the scatter, the JIT, GC and hypervisor time recorded per epoch, and the machine's own
 * steadiness. It names what was measured; it does not guess.
 */
final class NoiseCauses {
    /** Other work is named when it took at least this share of the later epochs' wall time. */
    static final double WORTH_NAMING = 0.01;

    private NoiseCauses() {
    }

    /**
     * @param machineSpread the largest sd/mean of the machine's steadiness probes for this run; NaN if none was taken
     */
    static String explain(Spread spread, CellResult run, double machineSpread) {
        List<String> causes = new ArrayList<>();
        causes.add(spread.cause());
        List<Double> epochs = run.timings().epochSeconds();
        List<CellResult.Interference> interference = run.timings().epochInterference();
        if (interference != null && interference.size() == epochs.size() && epochs.size() > 1) {
            double laterMs = 1000 * epochs.subList(1, epochs.size()).stream().mapToDouble(Double::doubleValue).sum();
            other(causes, "JIT compilation", interference, CellResult.Interference::jitMs, laterMs);
            other(causes, "garbage collection", interference, CellResult.Interference::gcMs, laterMs);
            other(causes, "hypervisor steal", interference, CellResult.Interference::stealMs, laterMs);
        }
        CellResult.WarmUp warmUp = run.timings().warmUp();
        if (warmUp != null && warmUp.ended().equals(CellResult.WarmUp.LIMIT)) {
            causes.add(String.format(Locale.ROOT, "the warm-up reached its limit of %.0f s with the JIT still at %.1f %% of its last window",
                    warmUp.limitSeconds(), 100 * warmUp.lastJitShare()));
        }
        if (machineSpread > Spread.NOISY) {
            causes.add(String.format(Locale.ROOT, "the machine itself varied %.1f %% in the steadiness probe", 100 * machineSpread));
        }
        return String.join("; ", causes);
    }

    private static void other(List<String> causes, String what, List<CellResult.Interference> interference,
                              ToDoubleFunction<CellResult.Interference> ms, double laterMs) {
        double total = 0;
        int worst = 1;
        for (int epoch = 1; epoch < interference.size(); epoch++) {
            double value = ms.applyAsDouble(interference.get(epoch));
            if (Double.isNaN(value)) {
                return;
            }
            total += value;
            if (value > ms.applyAsDouble(interference.get(worst))) {
                worst = epoch;
            }
        }
        if (total >= WORTH_NAMING * laterMs) {
            causes.add(String.format(Locale.ROOT, "%s took %.0f ms during the later epochs (%.1f %% of their wall time; most in epoch %d: %.0f ms)",
                    what, total, 100 * total / laterMs, worst + 1, ms.applyAsDouble(interference.get(worst))));
        }
    }
}
