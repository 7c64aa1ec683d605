package dev.polydl.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CpuFeaturesTest {
    @TempDir
    Path temp;

    @Test
    void flagsComeFromTheFirstFlagsLine() throws IOException {
        Path cpuinfo = temp.resolve("cpuinfo");
        Files.writeString(cpuinfo, "processor\t: 0\nmodel name\t: Test CPU\nflags\t\t: fpu avx2 fma avx512f\nflags\t\t: other\n");
        assertEquals(Set.of("fpu", "avx2", "fma", "avx512f"), CpuFeatures.read(cpuinfo));
    }

    @Test
    void aMissingFileMeansNoKnownExtensions() {
        assertTrue(CpuFeatures.read(temp.resolve("absent")).isEmpty());
    }
}
