package dev.polydl.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class FrameworksTest {
    @Test
    @DisplayName("providers are found by id through ServiceLoader; an unknown id lists the ids present")
    void byId() {
        assertEquals(ReferenceFramework.class, Frameworks.byId("reference").getClass());
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> Frameworks.byId("theano"));
        assertEquals("no framework 'theano' on the classpath; found [reference]", error.getMessage());
    }

    @Test
    @DisplayName("opening a session on an unusable device fails with the framework's reason")
    void unusableDevice() {
        Framework reference = Frameworks.byId("reference");
        UnsupportedOperationException error = assertThrows(UnsupportedOperationException.class, () -> reference.open(
                new SessionConfig(ModelSpec.ARGSORT, Device.GPU, new Optimizer.Sgd(0.5), 1, 1)));
        assertTrue(error.getMessage().endsWith("cannot use gpu: the reference network is plain Java and runs on the CPU only"),
                error.getMessage());
    }
}
