package dev.polydl.common;

/**
 * Native libraries built on OpenMP (MXNet, ND4J) size their thread pool from {@code OMP_NUM_THREADS}
 * when they load, so a session's thread count cannot be set from Java: the process must be started
 * with it. Their providers check it rather than silently run with another count.
 */
public final class OpenMp {
    private OpenMp() {
    }

    /**
     * @throws IllegalStateException naming the library and the setting to use, unless this JVM's
     *                               {@code OMP_NUM_THREADS} equals {@code threads}
     */
    public static void requireThreads(String library, int threads) {
        String omp = System.getenv("OMP_NUM_THREADS");
        if (!Integer.toString(threads).equals(omp)) {
            throw new IllegalStateException(library + " takes its thread count from OMP_NUM_THREADS at load; this JVM has "
                    + (omp == null ? "none" : omp) + " but the session asks for " + threads + ": start the JVM with OMP_NUM_THREADS="
                    + threads);
        }
    }
}
