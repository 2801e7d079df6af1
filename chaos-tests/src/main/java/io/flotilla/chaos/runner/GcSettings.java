package io.flotilla.chaos.runner;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How the gc scenario's nodes collect garbage: within seconds rather than the default day, so a short run sees
 * blobs reviewed, marked, revived and deleted many times over.
 *
 * @param delay              gc.delay-seconds: a trigger's review is due this long after it
 * @param grace              gc.grace-seconds: the age (and time since a read) before a mark, and again before purging
 * @param interval           gc.interval-ms: how often each node polls its queue partitions
 * @param untaggedAfterHours gc.untagged-after-hours: 0 deletes a manifest as soon as (delay after) it loses its last tag
 * @param scrub              gc.scrub-interval-seconds: how often the referenced-blob-missing scrub samples
 * @param collectTimeout     how long the collection probe waits, after the final reads, for everything collectable
 */
public record GcSettings(Duration delay, Duration grace, Duration interval, int untaggedAfterHours, Duration scrub,
                         Duration collectTimeout) {

    /** 4 s delay, 1 s grace, 500 ms polls, untagged manifests deleted, a scrub every 10 s, 120 s to collect. */
    public static final GcSettings FAST = new GcSettings(Duration.ofSeconds(4), Duration.ofSeconds(1),
            Duration.ofMillis(500), 0, Duration.ofSeconds(10), Duration.ofSeconds(120));

    public GcSettings {
        if (grace.compareTo(delay) > 0) {
            throw new IllegalArgumentException("grace " + grace + " must not exceed delay " + delay);
        }
    }

    /** The nodes' environment: the FLOTILLA_GC_* overrides of the gc.* keys above. */
    public Map<String, String> nodeEnv() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("FLOTILLA_GC_ENABLED", "true");
        env.put("FLOTILLA_GC_DELAY_SECONDS", Long.toString(delay.toSeconds()));
        env.put("FLOTILLA_GC_GRACE_SECONDS", Long.toString(grace.toSeconds()));
        env.put("FLOTILLA_GC_INTERVAL_MS", Long.toString(interval.toMillis()));
        env.put("FLOTILLA_GC_UNTAGGED_AFTER_HOURS", Integer.toString(untaggedAfterHours));
        env.put("FLOTILLA_GC_SCRUB_INTERVAL_SECONDS", Long.toString(scrub.toSeconds()));
        return env;
    }
}
