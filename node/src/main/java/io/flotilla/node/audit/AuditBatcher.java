package io.flotilla.node.audit;

import io.flotilla.storage.spi.AuditEvent;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Pull events, gathered in memory and written in batches by one thread every flush interval, so a pull pays a
 * map update, not a metadata write. Identical events (same actor, source, operation, resource and result)
 * within one interval are written once, at the time of the first, with the count in {@code detail}: a CI
 * farm pulling one base image ten thousand times a minute costs rows per distinct puller, not per pull. At
 * most {@code capacity} distinct events wait; beyond that new ones are dropped and counted. A failed write is
 * retried at the next interval, as long as it fits.
 */
final class AuditBatcher implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(AuditBatcher.class.getName());
    private static final int MAX_BATCH = 500;

    /** How a gathered entry becomes an event: its first time and how many times it happened. */
    interface EventFactory {
        AuditEvent event(AuditLog.Entry entry, Instant first, long count);
    }

    private static final class Tally {
        final Instant first;
        final AtomicLong count = new AtomicLong();

        Tally(Instant first) {
            this.first = first;
        }
    }

    private final Consumer<List<AuditEvent>> writer;
    private final EventFactory events;
    private final int capacity;
    private final Duration flushEvery;
    private final AtomicLong dropped = new AtomicLong();
    /** Offers share the read side; the flusher takes the write side only to swap the map. */
    private final ReadWriteLock swap = new ReentrantReadWriteLock();
    private Map<AuditLog.Entry, Tally> pending = new ConcurrentHashMap<>();
    private final Thread flusher;
    private volatile boolean closing;

    AuditBatcher(Consumer<List<AuditEvent>> writer, EventFactory events, int capacity, Duration flushEvery) {
        this.writer = writer;
        this.events = events;
        this.capacity = capacity;
        this.flushEvery = flushEvery;
        this.flusher = Thread.ofPlatform().daemon().name("audit-flusher").start(this::run);
    }

    void offer(AuditLog.Entry entry, Instant at) {
        swap.readLock().lock();
        try {
            Tally tally = pending.get(entry);
            if (tally == null) {
                if (pending.size() >= capacity) {
                    dropped.incrementAndGet();
                    return;
                }
                tally = pending.computeIfAbsent(entry, e -> new Tally(at));
            }
            tally.count.incrementAndGet();
        } finally {
            swap.readLock().unlock();
        }
    }

    long dropped() {
        return dropped.get();
    }

    private void run() {
        while (!closing) {
            try {
                TimeUnit.MILLISECONDS.sleep(flushEvery.toMillis());
            } catch (InterruptedException e) {
                break;
            }
            flush();
        }
        flush();
    }

    private void flush() {
        Map<AuditLog.Entry, Tally> taken;
        swap.writeLock().lock();
        try {
            if (pending.isEmpty()) {
                return;
            }
            taken = pending;
            pending = new ConcurrentHashMap<>();
        } finally {
            swap.writeLock().unlock();
        }
        List<Map.Entry<AuditLog.Entry, Tally>> items = new ArrayList<>(taken.entrySet());
        List<AuditEvent> all = new ArrayList<>(items.size());
        items.forEach(item -> all.add(events.event(item.getKey(), item.getValue().first, item.getValue().count.get())));
        for (int from = 0; from < all.size(); from += MAX_BATCH) {
            try {
                writer.accept(all.subList(from, Math.min(all.size(), from + MAX_BATCH)));
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "writing " + (all.size() - from) + " audit events failed; they are retried", e);
                requeue(items.subList(from, items.size()));
                return;
            }
        }
    }

    /** Gathers events that could not be written again, for the next interval. */
    private void requeue(List<Map.Entry<AuditLog.Entry, Tally>> unwritten) {
        swap.readLock().lock();
        try {
            for (Map.Entry<AuditLog.Entry, Tally> item : unwritten) {
                Tally old = item.getValue();
                pending.computeIfAbsent(item.getKey(), e -> new Tally(old.first)).count.addAndGet(old.count.get());
            }
        } finally {
            swap.readLock().unlock();
        }
    }

    @Override
    public void close() {
        closing = true;
        flusher.interrupt();
        try {
            flusher.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
