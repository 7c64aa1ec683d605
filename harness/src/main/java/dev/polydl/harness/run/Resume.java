package dev.polydl.harness.run;

import java.util.Objects;

/** Whether a cell's earlier result can stand for it, and if not, why it runs again. */
public final class Resume {
    private Resume() {
    }

    /**
     * Why {@code wanted} must run although {@code earlier} exists; null when the earlier result stands.
     *
     * @param frameworkVersion the framework version the distribution carries now
     * @param nativeVersion    the native library version it carries now
     */
    public static String rerunReason(CellSpec wanted, CellResult earlier, String frameworkVersion, String nativeVersion) {
        if (earlier == null) {
            return "not run yet";
        }
        if (!earlier.finished()) {
            return earlier.status() + " earlier";
        }
        CellSpec was = earlier.spec();
        Provenance then = was.provenance();
        Provenance now = wanted.provenance();
        if (then == null || then.machine() == null) {
            return "measured on an unrecorded machine";
        }
        if (!then.machine().equals(now.machine())) {
            return "measured on another machine (" + then.machine().label() + ")";
        }
        if (!Objects.equals(then.polydlBuild(), now.polydlBuild())) {
            return "measured with another polydl build (" + then.polydlBuild() + ")";
        }
        if (earlier.framework() == null || !Objects.equals(earlier.framework().frameworkVersion(), frameworkVersion)) {
            return "measured with another " + wanted.framework() + " version";
        }
        if (!Objects.equals(earlier.framework().nativeVersion(), nativeVersion)) {
            return "measured with another native library (" + earlier.framework().nativeVersion() + ")";
        }
        if (!Objects.equals(was.environment(), wanted.environment())) {
            return "measured in another engine environment";
        }
        if (!was.equals(wanted)) {
            return "measured with other settings";
        }
        return null;
    }
}
