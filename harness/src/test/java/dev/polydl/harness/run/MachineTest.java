package dev.polydl.harness.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class MachineTest {
    static final Machine ZEN4 = new Machine("AMD EPYC", "AuthenticAMD family 25 model 17", "Zen 4",
            List.of("avx2", "fma", "avx512f"), 2, 23.5, "Debian 12", "OpenJDK 64-Bit Server VM 17.0.15", List.of());
    static final Machine ZEN3 = new Machine("AMD EPYC", "AuthenticAMD family 25 model 1", "Zen 3",
            List.of("avx2", "fma"), 2, 23.5, "Debian 12", "OpenJDK 64-Bit Server VM 17.0.15", List.of());

    @Test
    void amdFamily25IsZen3OrZen4ByModelAndFamily26IsZen5() {
        assertEquals("Zen 4", Machine.microarchitecture("AuthenticAMD", "25", "17", "Zen 3"));
        assertEquals("Zen 4", Machine.microarchitecture("AuthenticAMD", "25", "97", "Zen 3"));
        assertEquals("Zen 3", Machine.microarchitecture("AuthenticAMD", "25", "1", "Zen 3"));
        assertEquals("Zen 5", Machine.microarchitecture("AuthenticAMD", "26", "2", "unknown"));
    }

    @Test
    void anUnknownMicroarchitectureIsNotRecordedAsOne() {
        assertNull(Machine.microarchitecture("GenuineIntel", "6", "999", "unknown"));
        assertEquals("Sapphire Rapids", Machine.microarchitecture("GenuineIntel", "6", "143", "Sapphire Rapids"));
    }

    @Test
    void theLabelSaysNoGpuByOmissionAndNamesTheWidestVectorExtension() {
        assertEquals("AMD EPYC (Zen 4), 2 cores, AVX-512", ZEN4.label());
        assertEquals("AMD EPYC (Zen 3), 2 cores, AVX2", ZEN3.label());
    }

    @Test
    void thisMachineIsDescribedTheSameWayTwice() {
        Machine here = Machine.here();
        assertEquals(here, Machine.here(), "nothing that changes between runs may be part of the machine");
        assertTrue(here.logicalCores() > 0, here.toString());
        assertTrue(here.gpus().stream().noneMatch(gpu -> gpu.toLowerCase().contains("unknown")), here.toString());
    }
}
