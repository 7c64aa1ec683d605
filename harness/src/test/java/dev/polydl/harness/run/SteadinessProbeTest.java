package dev.polydl.harness.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SteadinessProbeTest {
    @Test
    void probesEveryWindowOnTheAskedThreads() {
        MachineSteadiness probe = SteadinessProbe.measure(MachineSteadiness.BEFORE, 2, 0.02, 3, MachineTest.ZEN4);
        assertEquals(2, probe.threads());
        assertEquals(3, probe.windowSeconds().size());
        assertEquals(MachineTest.ZEN4, probe.machine());
        assertTrue(probe.windowSeconds().stream().allMatch(s -> s > 0), probe.toString());
        assertTrue(probe.relativeSd() >= 0, probe.toString());
        assertTrue(Double.isNaN(probe.stealSeconds()) || probe.stealSeconds() >= 0, probe.toString());
    }

    @Test
    void threadsThatOutnumberTheCoresStillMeetAtEveryOp() {
        int threads = 2 * Runtime.getRuntime().availableProcessors() + 1;
        MachineSteadiness probe = assertTimeoutPreemptively(Duration.ofSeconds(60),
                () -> SteadinessProbe.measure(MachineSteadiness.BEFORE, threads, 0.02, 3, MachineTest.ZEN4));
        assertEquals(threads, probe.threads());
        assertTrue(probe.windowSeconds().stream().allMatch(s -> s > 0 && s < 5), probe.toString());
    }

    @Test
    void relativeSdIsThePopulationSdOverTheMean() {
        var probe = new MachineSteadiness(MachineSteadiness.AFTER, "loop", 1, List.of(0.4, 0.6, 0.4, 0.6), 0, null);
        assertEquals(0.2, probe.relativeSd(), 1e-12);
    }
}
