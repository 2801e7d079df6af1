package io.flotilla.chaos.db.container;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import org.testcontainers.containers.Container.ExecResult;
import org.testcontainers.containers.GenericContainer;

/**
 * A node's wall clock shifted with Debian's libfaketime (package {@code faketime} in the base image), loaded
 * into the node's JVM with LD_PRELOAD. The preload must be in place when the process starts, so nodes of a
 * scenario that skews clocks start with it (no offset); the offset itself is read from {@link #RC_FILE},
 * which libfaketime re-reads every {@code FAKETIME_CACHE_DURATION} seconds, so a skew can come and go while the
 * node runs. Only the realtime clock is faked: a faked monotonic clock would make the JVM's timed waits
 * misbehave, and a real clock step leaves it alone too.
 */
final class FakeClock {

    /** The thread-safe build of the library: a JVM reads the clock from many threads. */
    static final String LIBRARY = "/usr/lib/x86_64-linux-gnu/faketime/libfaketimeMT.so.1";
    /**
     * Where the offset is written (FAKETIME_TIMESTAMP_FILE). Missing at start means no offset; created or
     * changed later it takes effect at the next re-read (both checked with a JVM on the host).
     */
    static final String RC_FILE = "/etc/faketimerc";

    private FakeClock() {
    }

    /** The environment a node needs for its clock to be skewable. */
    static Map<String, String> environment() {
        return Map.of(
                "LD_PRELOAD", LIBRARY,
                "FAKETIME_TIMESTAMP_FILE", RC_FILE,
                "FAKETIME_DONT_FAKE_MONOTONIC", "1",
                // Without this, libfaketime 0.9.10's pthread_cond_timedwait wrapper makes the JVM's timed waits
                // return at once (measured with Temurin 25: Object.wait(500) and parkNanos(300 ms) took 0 ms,
                // even at offset +0), so every timed wait in the node would spin.
                "FAKETIME_FORCE_MONOTONIC_FIX", "0",
                // Re-read the offset every second: a skew takes effect within a second of being set.
                "FAKETIME_CACHE_DURATION", "1");
    }

    /** libfaketime's relative offset: "+30" or "-5" seconds ("+0": the true time). */
    static String offset(Duration offset) {
        long s = offset.toSeconds();
        return (s < 0 ? "-" : "+") + Math.abs(s);
    }

    /** Writes the offset into the running container's rc file. */
    static void set(GenericContainer<?> container, Duration offset) {
        String text = offset(offset);
        try {
            ExecResult r = container.execInContainer("sh", "-c", "echo '" + text + "' > " + RC_FILE);
            if (r.getExitCode() != 0) {
                throw new IllegalStateException("writing " + RC_FILE + " in " + container.getContainerName()
                        + " failed: " + r.getStderr());
            }
        } catch (IOException e) {
            throw new IllegalStateException("docker exec in " + container.getContainerName(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
