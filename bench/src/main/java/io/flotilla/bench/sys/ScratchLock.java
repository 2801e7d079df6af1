package io.flotilla.bench.sys;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One bench run at a time on this machine: a second one would wipe the first one's scratch folders and share
 * its CPUs, so its numbers would be worth nothing. The lock is an OS file lock on
 * {@code ${TMPDIR:-/tmp}/flotilla-bench.lock}, held until the JVM exits (a killed run frees it too).
 */
public final class ScratchLock {

    private ScratchLock() {
    }

    /** ${TMPDIR:-/tmp}, as the scripts spell it. */
    public static Path tmp() {
        String tmpdir = System.getenv("TMPDIR");
        return Path.of(tmpdir == null || tmpdir.isBlank() ? "/tmp" : tmpdir);
    }

    /** Takes the lock, or fails naming the file when another run holds it. */
    public static FileLock acquire() throws IOException {
        Path file = tmp().resolve("flotilla-bench.lock");
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock = channel.tryLock();
        if (lock == null) {
            channel.close();
            throw new IOException("another ./flotilla bench is running on this machine (it holds " + file
                    + "); one run at a time, since runs share scratch folders and CPUs");
        }
        return lock;
    }
}
