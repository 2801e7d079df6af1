package io.flotilla.node.audit;

import io.flotilla.storage.spi.AuditEvent;
import io.flotilla.storage.spi.MetadataStore;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/** Writes audit events: at once ({@link #record}) or through the pull queue ({@link #recordSoon}). */
public final class AuditLog implements AutoCloseable {

    private final MetadataStore store;
    private final Duration retention;
    private final Clock clock;
    private final AuditBatcher batcher;

    public AuditLog(MetadataStore store, Duration retention, int queueCapacity, Duration flushEvery, Clock clock) {
        this.store = store;
        this.retention = retention;
        this.clock = clock;
        this.batcher = new AuditBatcher(events -> store.appendAudit(events, retention), this::event, queueCapacity,
                flushEvery);
    }

    /** What happened, by whom, from where, and how it ended; the id and time are filled in here. */
    public record Entry(String actor, String source, String operation, String resourceType, String resource,
                        String project, String result, String detail) {
    }

    /** Durable when this returns: for events that must be written before the response. */
    public void record(Entry entry) {
        store.appendAudit(List.of(event(entry)), retention);
    }

    /**
     * Gathered and written within the flush interval, identical ones once with their count; dropped (and
     * counted) when too many distinct events wait.
     */
    public void recordSoon(Entry entry) {
        batcher.offer(entry, Instant.ofEpochMilli(clock.millis()));
    }

    public long dropped() {
        return batcher.dropped();
    }

    public MetadataStore store() {
        return store;
    }

    private AuditEvent event(Entry e) {
        return event(e, Instant.ofEpochMilli(clock.millis()), 1);
    }

    private AuditEvent event(Entry e, Instant at, long times) {
        String unique = Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
        String detail = times == 1 ? e.detail() : (e.detail().isEmpty() ? "" : e.detail() + "; ") + times + " times";
        return new AuditEvent(AuditEvent.idFor(at, unique), at, e.actor(), e.source(), e.operation(),
                e.resourceType(), e.resource(), e.project(), e.result(), detail);
    }

    /** Writes what is queued, then stops the flusher. */
    @Override
    public void close() {
        batcher.close();
    }
}
