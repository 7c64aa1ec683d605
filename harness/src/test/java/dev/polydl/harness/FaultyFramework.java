package dev.polydl.harness;

import dev.polydl.common.Batch;
import dev.polydl.common.Device;
import dev.polydl.common.DeviceSupport;
import dev.polydl.common.Framework;
import dev.polydl.common.SessionConfig;
import dev.polydl.common.TrainingSession;
import dev.polydl.harness.bench.NoopFramework;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * A test-only framework that fails on purpose: the no-op baseline's sessions, except that the tasks named in
 * {@code faults.properties} beside its jar ({@code argsort=signal}) fail in their first training step. The
 * faults are read when a session opens, so a test changes them between runs without rebuilding anything.
 */
public final class FaultyFramework implements Framework {
    public static final String ID = "faulty";
    public static final String FAULTS_FILE = "faults.properties";

    /** What a training step does instead of training. */
    public enum Fault {
        /** Fills the heap until the JVM throws OutOfMemoryError. */
        OOM,
        /** Never returns. */
        HANG,
        /** The JVM kills itself with SIGKILL, as the kernel's OOM killer would. */
        SIGNAL,
        /** Throws an exception, as an engine rejecting its input would. */
        THROW,
        /**
         * Fills the disk that holds the file named by the faults file's {@code fill} entry, once, then trains on: the
         * disk fills while the cell runs, and the cell's own results are the first to find it full.
         */
        FILL
    }

    private final Framework noop = new NoopFramework();

    /**
     * Adds this framework to a distribution: its jar in {@code frameworks/faulty}. Returns the faults file beside
     * it, which the test writes to choose the faults (none while it is absent).
     */
    static Path installInto(Path frameworks) throws IOException {
        Path folder = frameworks.resolve(ID);
        TestJars.write(folder.resolve("faulty.jar"), java.util.Map.of("META-INF/services/" + Framework.class.getName(),
                FaultyFramework.class.getName() + "\n"), FaultyFramework.class, ForwardingSession.class);
        return folder.resolve(FAULTS_FILE);
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String displayName() {
        return "faulty test framework";
    }

    @Override
    public String frameworkVersion() {
        return "test";
    }

    @Override
    public String nativeVersion() {
        return "none";
    }

    @Override
    public List<DeviceSupport> devices() {
        return List.of(DeviceSupport.usable(Device.CPU, "does no math"));
    }

    @Override
    public TrainingSession open(SessionConfig config) {
        TrainingSession session = noop.open(config);
        Fault fault = faultFor(config.model().name());
        return fault == null ? session : new ForwardingSession(session) {
            @Override
            public float trainStep(Batch batch) {
                fail(fault);
                return super.trainStep(batch);
            }
        };
    }

    private static Fault faultFor(String task) {
        String fault = faults().getProperty(task);
        return fault == null ? null : Fault.valueOf(fault.trim().toUpperCase(java.util.Locale.ROOT));
    }

    /** The faults file beside the jar; empty when there is none. */
    private static Properties faults() {
        try {
            Path jar = Path.of(FaultyFramework.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path file = jar.resolveSibling(FAULTS_FILE);
            Properties faults = new Properties();
            if (Files.isRegularFile(file)) {
                try (var in = Files.newBufferedReader(file)) {
                    faults.load(in);
                }
            }
            return faults;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean filled;

    /** Writes zeros until the disk refuses more: big chunks, then pages, then bytes, so that not one byte is left. */
    private static void fillTheDiskOnce() {
        if (filled) {
            return;
        }
        filled = true;
        Path filler = Path.of(faults().getProperty("fill"));
        try (var out = Files.newOutputStream(filler)) {
            for (int chunk : new int[] {1 << 20, 4096, 1}) {
                byte[] zeros = new byte[chunk];
                try {
                    while (true) {
                        out.write(zeros);
                    }
                } catch (IOException full) {
                    // this chunk size no longer fits; try the next smaller one
                }
            }
        } catch (IOException e) {
            // closing a file on a full disk may fail too; the disk is full either way
        }
    }

    private static void fail(Fault fault) {
        switch (fault) {
            case OOM -> {
                List<long[]> hog = new ArrayList<>();
                while (true) {
                    hog.add(new long[1 << 24]);
                }
            }
            case HANG -> {
                while (true) {
                    try {
                        Thread.sleep(60_000);
                    } catch (InterruptedException e) {
                        // a hang does not end when asked to
                    }
                }
            }
            case SIGNAL -> {
                try {
                    new ProcessBuilder("kill", "-9", Long.toString(ProcessHandle.current().pid())).start().waitFor();
                    Thread.sleep(60_000);
                } catch (IOException | InterruptedException e) {
                    throw new IllegalStateException("could not kill this JVM", e);
                }
            }
            case THROW -> throw new IllegalStateException("injected fault: this engine rejects every training step");
            case FILL -> fillTheDiskOnce();
        }
    }
}
