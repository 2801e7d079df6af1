package io.flotilla.storage.spi;

import java.time.Instant;

/** A unit of background work in a time-bucketed queue partition (GC review, replication, webhooks). */
public record WorkItem(String queue, int partition, String id, Instant dueAt, String payload) {
}
