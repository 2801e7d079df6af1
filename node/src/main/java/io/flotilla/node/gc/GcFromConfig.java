package io.flotilla.node.gc;

import io.flotilla.node.config.FlotillaConfig;

import java.time.Duration;

/** Garbage collection's settings from the node's configuration ({@code gc.*}). */
public final class GcFromConfig {
    /** A node re-records a blob it keeps reading at most this often, however long the delay. */
    private static final Duration MAX_READ_RESOLUTION = Duration.ofMinutes(1);

    private GcFromConfig() {
    }

    public static GcSettings settings(FlotillaConfig.Gc c) {
        return new GcSettings(c.enabled(), Duration.ofSeconds(c.delaySeconds()), Duration.ofSeconds(c.graceSeconds()),
                Duration.ofMillis(c.intervalMs()), c.batch(), c.concurrency(), c.maxTransitionsPerSecond(),
                c.maxDeletesPerSecond(), new UntaggedPolicy(c.untaggedAfterHours() < 0 ? -1 : c.untaggedAfterHours()),
                Duration.ofSeconds(c.scrubIntervalSeconds()), c.scrubSample());
    }

    /**
     * How stale a recorded read may be: a tenth of the delay, at most a minute. A blob read without pause is then
     * collectable at most this much sooner than a delay after its last read.
     */
    public static Duration readResolution(GcSettings settings) {
        Duration tenth = settings.delay().dividedBy(10);
        return tenth.compareTo(MAX_READ_RESOLUTION) > 0 ? MAX_READ_RESOLUTION : tenth;
    }

    /** The grid key whose partition owner reviews queue partition {@code partition}. */
    public static String partitionKey(int partition) {
        return "gc-queue-" + partition;
    }
}
