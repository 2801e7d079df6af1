package io.flotilla.node.audit;

import io.flotilla.storage.spi.AuditEvent;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A bounded queue of audit events written in batches by one thread, so a pull pays an enqueue, not a
 * metadata write. A full queue drops (and counts) rather than slowing pulls; a failed write is retried with
 * the next batch as long as the queue has room.
 */
final class AuditBatcher implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(AuditBatcher.class.getName());
    private static final int MAX_BATCH = 500;

    private final BlockingQueue<AuditEvent> queue;
    private final Consumer<List<AuditEvent>> writer;
    private final Duration flushEvery;
    private final AtomicLong dropped = new AtomicLong();
    private final Thread flusher;
    private volatile boolean closing;

    AuditBatcher(Consumer<List<AuditEvent>> writer, int capacity, Duration flushEvery) {
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.writer = writer;
        this.flushEvery = flushEvery;
        this.flusher = Thread.ofPlatform().daemon().name("audit-flusher").start(this::run);
    }

    void offer(AuditEvent event) {
        if (!queue.offer(event)) {
            dropped.incrementAndGet();
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
        List<AuditEvent> batch = new ArrayList<>(MAX_BATCH);
        while (queue.drainTo(batch, MAX_BATCH) > 0) {
            try {
                writer.accept(batch);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "writing " + batch.size() + " audit events failed; they are retried", e);
                batch.forEach(this::offer);
                return;
            }
            batch.clear();
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
