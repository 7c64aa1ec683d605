package dev.polydl.harness.report;

import dev.polydl.harness.run.CellResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import java.util.stream.IntStream;

/**
 * Why one noisy cell's later epochs scattered, as far as the numbers measured beside them tell: the
 * shape of the scatter, the JIT, GC and hypervisor time recorded per epoch, the process's CPU time and
 * wait for a CPU in its slowest and fastest epochs, and the machine's own steadiness. It names what was
 * measured; it does not guess.
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
        String slowest = slowestEpoch(epochs, run.curves());
        if (slowest != null) {
            causes.add(slowest);
        }
        List<CellResult.Interference> interference = run.timings().epochInterference();
        String cpu = slowestEpochCpu(epochs, interference);
        if (cpu != null) {
            causes.add(cpu);
        }
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

    /**
     * Where the slowest later epoch lost its time against the fastest: a higher median step means that every step ran
     * slower (the machine, or the engine's own state), an unchanged one that a few long steps did (pauses). Null when the
     * step times are not there to tell.
     */
    static String slowestEpoch(List<Double> epochSeconds, CellResult.Curves curves) {
        if (curves == null || curves.stepMs() == null || epochSeconds.size() < 3 || curves.stepsPerEpoch() < 10
                || curves.stepMs().size() != curves.stepsPerEpoch() * epochSeconds.size()) {
            return null;
        }
        LaterEpochs later = LaterEpochs.of(epochSeconds);
        if (later.gapMs() <= 0) {
            return null;
        }
        double slowMedian = medianStep(curves, later.slowest());
        double fastMedian = medianStep(curves, later.fastest());
        boolean everyStep = (slowMedian - fastMedian) * curves.stepsPerEpoch() >= later.gapMs() / 2;
        return String.format(Locale.ROOT, "the slowest later epoch (%d) had a median step of %.3g ms against %.3g ms in the fastest (%d), %+.0f %%: %s",
                later.slowest() + 1, slowMedian, fastMedian, later.fastest() + 1, 100 * (slowMedian / fastMedian - 1),
                everyStep ? "every step ran slower, not a few long ones" : "most of its extra time went to a few long steps");
    }

    /**
     * What the process did in the slowest later epoch against the fastest: more CPU time for the same steps means the
     * cores ran them slower or threads spun longer, a longer wait for a CPU that more threads were ready than there
     * were cores. Null when the epochs did not record their CPU time (results written before it was).
     */
    static String slowestEpochCpu(List<Double> epochSeconds, List<CellResult.Interference> interference) {
        if (interference == null || interference.size() != epochSeconds.size() || epochSeconds.size() < 3) {
            return null;
        }
        LaterEpochs later = LaterEpochs.of(epochSeconds);
        CellResult.Interference slow = interference.get(later.slowest());
        CellResult.Interference fast = interference.get(later.fastest());
        if (later.gapMs() <= 0 || !(slow.cpuMs() > 0 && fast.cpuMs() > 0)) {
            return null;
        }
        String text = String.format(Locale.ROOT, "the slowest later epoch (%d) took %.0f ms longer than the fastest (%d), with %+.0f ms of the process's CPU time",
                later.slowest() + 1, later.gapMs(), later.fastest() + 1, slow.cpuMs() - fast.cpuMs());
        if (!Double.isNaN(slow.runQueueMs()) && !Double.isNaN(fast.runQueueMs())) {
            text += String.format(Locale.ROOT, " and %+.0f ms of its threads' wait for a CPU (%.0f against %.0f ms)",
                    slow.runQueueMs() - fast.runQueueMs(), slow.runQueueMs(), fast.runQueueMs());
        }
        return text;
    }

    /**
     * The slowest and the fastest epoch after the first (indices 1 or later; the earlier one on a tie) and how much
     * longer the slowest took, in ms.
     */
    private record LaterEpochs(int slowest, int fastest, double gapMs) {
        static LaterEpochs of(List<Double> epochSeconds) {
            Comparator<Integer> byTime = Comparator.comparingDouble(epochSeconds::get);
            int slowest = IntStream.range(1, epochSeconds.size()).boxed().max(byTime).orElseThrow();
            int fastest = IntStream.range(1, epochSeconds.size()).boxed().min(byTime).orElseThrow();
            return new LaterEpochs(slowest, fastest, 1000 * (epochSeconds.get(slowest) - epochSeconds.get(fastest)));
        }
    }

    private static double medianStep(CellResult.Curves curves, int epoch) {
        int steps = curves.stepsPerEpoch();
        return Results.median(curves.stepMs().subList(epoch * steps, (epoch + 1) * steps));
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
