package dev.polydl.common;

import java.util.List;

/**
 * One deep-learning framework, as a {@link java.util.ServiceLoader} service: each framework module
 * has one implementation and one {@code META-INF/services/dev.polydl.common.Framework} line.
 *
 * <p>Constructing a provider must load no native code, so that every provider can be listed from
 * one classpath; natives load in {@link #open} (and, where a probe is needed, in {@link #devices}).
 */
public interface Framework {

    /** The stable id: {@code tensorflow}, {@code pytorch}, {@code mxnet}, {@code dl4j}. */
    String id();

    /** A human-readable name, e.g. "DJL + PyTorch" with the versions the module was built with. */
    String displayName();

    /** The version of the Java library (TensorFlow Java's, DJL's, Deeplearning4j's). */
    String frameworkVersion();

    /** The version of the native library underneath (TensorFlow's, libtorch's, MXNet's, ND4J's). */
    String nativeVersion();

    /**
     * The native build this JVM loaded and, where the engine can tell, the instruction set its kernels
     * use; meaningful once a session is open (before that, what would load).
     */
    default String nativeBuild() {
        return nativeVersion();
    }

    /**
     * The engine settings polydl runs this framework with, in tuning-ladder order; empty when polydl
     * changes nothing but the thread count. Must load no native code: the harness reads them before
     * it starts the worker JVMs that need them.
     */
    default List<EngineSetting> engineSettings() {
        return List.of();
    }

    /** Every {@link Device}, each saying whether it is usable here and why (not). */
    List<DeviceSupport> devices();

    /**
     * The input layouts its sessions accept for image models; channels-first (canonical) always.
     * A framework that also builds a channels-last variant lists it, and the contract kit then
     * checks that variant too.
     */
    default List<InputLayout> inputLayouts() {
        return List.of(InputLayout.CHANNELS_FIRST);
    }

    /** The support entry of one device. */
    default DeviceSupport support(Device device) {
        return devices().stream().filter(support -> support.device() == device).findFirst()
                .orElse(DeviceSupport.unusable(device, id() + " does not report " + device.id() + " support"));
    }

    /** Throws, with the framework's reason, unless sessions can be opened on the device here. */
    default void requireUsable(Device device) {
        DeviceSupport support = support(device);
        if (!support.usable()) {
            throw new UnsupportedOperationException(displayName() + " cannot use " + device.id() + ": " + support.reason());
        }
    }

    /**
     * Builds the model on the device, initialised with {@link Parameters#initial} of the config's seed.
     *
     * @throws UnsupportedOperationException if this framework cannot build the model or use the device,
     *                                       with the reason
     */
    TrainingSession open(SessionConfig config);

    /**
     * The engine's own matrix product on row-major n × n inputs {@code a} and {@code b}, with the same
     * explicit thread count as its sessions.
     *
     * @throws UnsupportedOperationException if the framework offers none here, with the reason
     */
    default MatrixProduct matrixProduct(float[] a, float[] b, int n, Device device, int threads) {
        throw new UnsupportedOperationException(displayName() + " offers no matrix product");
    }
}
