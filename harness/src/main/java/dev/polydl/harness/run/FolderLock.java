package dev.polydl.harness.run;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One polydl run per results folder at a time. The lock is the operating system's lock on
 * {@code .polydl.lock} in the folder, so it goes with the process that holds it, even after {@code kill -9};
 * the file names the holder (pid, command, start) for the run that is refused. Locks last until the command
 * ends: {@link #releaseAll()} runs when the command line returns, also when tests run several in one JVM.
 */
public final class FolderLock {
    public static final String FILE = ".polydl.lock";
    private static final List<FolderLock> HELD = new ArrayList<>();

    private final FileChannel channel;
    private final FileLock lock;

    private FolderLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Locks {@code root} for {@code command}, creating it if needed; refuses with one line naming the holder when
     * another run has it, or naming the folder when it cannot be written.
     */
    public static synchronized void take(Path root, String command) {
        Path file = root.resolve(FILE);
        FileChannel channel;
        try {
            Files.createDirectories(root);
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new OutputFileException(root, "cannot write to the results folder: " + describe(e));
        }
        try {
            FileLock lock = tryLock(channel);
            if (lock == null) {
                String holder = Files.readString(file, StandardCharsets.UTF_8).trim();
                channel.close();
                throw new UsageException(root + " is in use by another polydl run (" + (holder.isEmpty() ? "holder unknown" : holder)
                        + "); wait for it to end or choose another --out");
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(("pid " + ProcessHandle.current().pid() + ", " + command + ", started " + Instant.now())
                    .getBytes(StandardCharsets.UTF_8)), 0);
            HELD.add(new FolderLock(channel, lock));
        } catch (IOException e) {
            closeQuietly(channel);
            throw new OutputFileException(root, "cannot lock the results folder: " + describe(e));
        }
    }

    /** Whether some process, this one included, holds an operating-system lock on {@code file} (created if missing). */
    public static boolean inUse(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            FileLock lock = tryLock(channel);
            if (lock != null) {
                lock.release();
            }
            return lock == null;
        }
    }

    /** The lock, or null when another process or this JVM holds it. */
    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null;
        }
    }

    /** Releases every lock this JVM took. The file stays, emptied: deleting it would let two runs lock two files of one name. */
    public static synchronized void releaseAll() {
        for (FolderLock held : HELD) {
            try {
                held.channel.truncate(0);
                held.lock.release();
            } catch (IOException e) {
                // the lock goes with the channel anyway
            }
            closeQuietly(held.channel);
        }
        HELD.clear();
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // nothing left to release
        }
    }

    private static String describe(IOException e) {
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }
}
