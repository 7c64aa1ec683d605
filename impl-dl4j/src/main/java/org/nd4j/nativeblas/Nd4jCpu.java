package org.nd4j.nativeblas;

/**
 * Restores the name DL4J 1.0.0-M2.1's oneDNN layer helpers look up. {@code BaseMKLDNNHelper.mklDnnEnabled()}
 * asks, by reflection, for {@code org.nd4j.nativeblas.Nd4jCpu$Environment.getInstance().isUseMKLDNN()}, which
 * ND4J renamed to {@code org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu.Environment.isUseONEDNN()}; the
 * lookup fails, and DL4J silently drops its helpers even when they are enabled and a oneDNN build is
 * loaded. This class answers the old question with the new method (by reflection, so that the CUDA
 * build compiles too) and nothing else: whether the helpers
 * run stays DL4J's own decision ({@code org.eclipse.deeplearning4j.helpers.disable}, see
 * {@code Dl4jFramework#engineSettings()}). docs/performance.md has the evidence.
 */
public final class Nd4jCpu {
    private Nd4jCpu() {
    }

    /** The one method DL4J calls. */
    public static final class Environment {
        private static final Environment INSTANCE = new Environment();

        private Environment() {
        }

        public static Environment getInstance() {
            return INSTANCE;
        }

        /** False where the loaded backend is not ND4J's CPU one (the CUDA build has no such class). */
        public boolean isUseMKLDNN() {
            try {
                Class<?> renamed = Class.forName("org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu$Environment");
                Object environment = renamed.getMethod("getInstance").invoke(null);
                return (Boolean) renamed.getMethod("isUseONEDNN").invoke(environment);
            } catch (ReflectiveOperationException | LinkageError e) {
                return false;
            }
        }
    }
}
