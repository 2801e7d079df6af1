package io.flotilla.node.gc;

import java.time.Duration;

/**
 * How garbage collection runs on a node.
 *
 * @param delay       how long a blob must go unused (unstored, unrelied on, unread, unreferenced) before it is
 *                    marked; triggers enqueue reviews this far ahead
 * @param grace       how long a mark stands before the move to purging, so a client between HEAD and PUT revives it;
 *                    at most the delay, so no trigger's review comes sooner after a mark than the grace
 * @param interval    how often the node polls the queue partitions it owns
 * @param batch       items read per partition poll
 * @param concurrency reviews in flight at once on this node
 * @param transitionsPerSecond compare-and-set steps per second on this node (the metadata store's LWT budget)
 * @param deletesPerSecond     delete calls per second on this node (the blob store's budget)
 * @param untagged    the untagged-manifest policy of repositories without their own
 * @param scrubInterval how often the scrub samples references, and {@code scrubSample} how many manifests
 */
public record GcSettings(boolean enabled, Duration delay, Duration grace, Duration interval, int batch,
                         int concurrency, int transitionsPerSecond, int deletesPerSecond, UntaggedPolicy untagged,
                         Duration scrubInterval, int scrubSample) {
    public GcSettings {
        if (delay.isNegative() || grace.isNegative() || grace.compareTo(delay) > 0) {
            throw new IllegalArgumentException("gc: delay and grace must not be negative, and grace not above delay");
        }
        if (interval.isZero() || interval.isNegative() || scrubInterval.isZero() || scrubInterval.isNegative()) {
            throw new IllegalArgumentException("gc: interval-ms and scrub-interval-seconds must be positive");
        }
        if (batch <= 0 || concurrency <= 0 || transitionsPerSecond <= 0 || deletesPerSecond <= 0 || scrubSample < 0) {
            throw new IllegalArgumentException(
                    "gc: batch, concurrency and both rates must be positive, scrub-sample not negative");
        }
    }
}
