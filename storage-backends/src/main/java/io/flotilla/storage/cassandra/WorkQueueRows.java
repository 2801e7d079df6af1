package io.flotilla.storage.cassandra;

import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import io.flotilla.storage.spi.WorkItem;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Work queues, time-bucketed per (queue, partition, hour), never consumed by deleting rows:
 * <ul>
 *   <li>{@code work_items((queue, part, bucket), due_at, id) -> payload, has_payload, done}: one row per
 *       enqueue, read in (due_at, id) order. Completing an item sets {@code done = true} on its row: an
 *       overwrite, not a tombstone. A null payload is stored as {@code has_payload = false}, since binding a
 *       null would write a tombstone cell. Rows expire by TTL, {@code bucketRetention} after the end of their
 *       hour.</li>
 *   <li>{@code work_current((queue, part, id)) -> due_at}: the latest enqueue of each id. Re-enqueueing an id
 *       writes a new row at its new due time and points this at it; the older row is then stale and skipped
 *       (checked only for rows not yet done, so the cost is one point read per item handed out).</li>
 *   <li>{@code work_buckets((queue, part), bucket)}: the cursor. It lists the hours that may still hold work,
 *       so a read starts at the oldest of them and skips empty hours. An hour that is over, and in which every
 *       row is done or stale, is dropped whole: one partition tombstone for its rows, one row tombstone
 *       here. Tombstones thus grow with the number of hours, not of items.</li>
 * </ul>
 * Delivery is at least once: an item handed out stays due until {@link #complete}; a caller that dies
 * before completing leaves it to the partition's next owner.
 */
final class WorkQueueRows {
    /** An hour this recent may still get enqueues (clock skew, short delays), so it is never dropped. */
    private static final Duration DROP_GRACE = Duration.ofHours(1);

    private final Cql cql;
    private final Clock clock;
    private final PreparedStatement insertItem;
    private final PreparedStatement insertCurrent;
    private final PreparedStatement insertBucket;
    private final PreparedStatement buckets;
    private final PreparedStatement items;
    private final PreparedStatement current;
    private final PreparedStatement markDone;
    private final PreparedStatement dropBucket;
    private final PreparedStatement dropItems;

    WorkQueueRows(Cql cql, Clock clock) {
        this.cql = cql;
        this.clock = clock;
        String workItems = cql.table("work_items");
        String workCurrent = cql.table("work_current");
        String workBuckets = cql.table("work_buckets");
        insertItem = cql.prepare("INSERT INTO " + workItems + " (queue, part, bucket, due_at, id, payload, has_payload, done)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, false) USING TTL ?");
        insertCurrent = cql.prepare("INSERT INTO " + workCurrent + " (queue, part, id, due_at) VALUES (?, ?, ?, ?) USING TTL ?");
        insertBucket = cql.prepare("INSERT INTO " + workBuckets + " (queue, part, bucket) VALUES (?, ?, ?)");
        buckets = cql.prepare("SELECT bucket FROM " + workBuckets + " WHERE queue = ? AND part = ? AND bucket <= ?");
        items = cql.prepare("SELECT due_at, id, payload, has_payload, done FROM " + workItems
                + " WHERE queue = ? AND part = ? AND bucket = ? AND due_at <= ?");
        current = cql.prepare("SELECT due_at FROM " + workCurrent + " WHERE queue = ? AND part = ? AND id = ?");
        markDone = cql.prepare("UPDATE " + workItems + " USING TTL ? SET done = true"
                + " WHERE queue = ? AND part = ? AND bucket = ? AND due_at = ? AND id = ?");
        dropBucket = cql.prepare("DELETE FROM " + workBuckets + " WHERE queue = ? AND part = ? AND bucket = ?");
        dropItems = cql.prepare("DELETE FROM " + workItems + " WHERE queue = ? AND part = ? AND bucket = ?");
    }

    void enqueue(WorkItem item) {
        Instant due = Columns.time(item.dueAt());
        long bucket = Columns.bucket(due);
        int ttl = Columns.ttlSeconds(bucket, cql.settings().bucketRetention(), clock.instant());
        cql.executeAll("enqueueing " + item.queue() + "/" + item.partition() + "/" + item.id(), List.of(
                insertBucket.bind(item.queue(), item.partition(), bucket).setIdempotent(true),
                insertItem.bind(item.queue(), item.partition(), bucket, due, item.id(),
                        item.payload() == null ? "" : item.payload(), item.payload() != null, ttl).setIdempotent(true),
                insertCurrent.bind(item.queue(), item.partition(), item.id(), due, ttl).setIdempotent(true)));
    }

    List<WorkItem> due(String queue, int partition, Instant now, int limit) {
        if (Columns.limit(limit) == 0) {
            return List.of();
        }
        Instant bound = Columns.bound(now);
        String what = "reading queue " + queue + "/" + partition;
        List<WorkItem> out = new ArrayList<>();
        List<Long> hours = cql.all(what, buckets.bind(queue, partition, Columns.bucket(bound)).setIdempotent(true))
                .stream().map(r -> r.getLong(0)).toList();
        for (long hour : hours) {
            List<WorkItem> pending = new ArrayList<>();
            for (Row r : cql.all(what, items.bind(queue, partition, hour, bound).setIdempotent(true))) {
                if (!r.getBoolean("done")) {
                    pending.add(new WorkItem(queue, partition, r.getString("id"), r.getInstant("due_at"),
                            r.getBoolean("has_payload") ? r.getString("payload") : null));
                }
            }
            List<Row> latest = cql.firstRows(what, pending.stream()
                    .map(w -> current.bind(queue, partition, w.id()).setIdempotent(true)).toList());
            List<WorkItem> live = new ArrayList<>();
            for (int i = 0; i < pending.size(); i++) {
                if (latest.get(i) != null && pending.get(i).dueAt().equals(latest.get(i).getInstant(0))) {
                    live.add(pending.get(i));
                }
            }
            if (live.isEmpty() && !Columns.bucketEnd(hour).isAfter(bound)) {
                dropIfOld(queue, partition, hour);
            }
            for (WorkItem w : live) {
                out.add(w);
                if (out.size() == limit) {
                    return out;
                }
            }
        }
        return out;
    }

    void complete(WorkItem item) {
        Instant due = Columns.time(item.dueAt());
        long bucket = Columns.bucket(due);
        int ttl = Columns.ttlSeconds(bucket, cql.settings().bucketRetention(), clock.instant());
        cql.execute("completing " + item.queue() + "/" + item.partition() + "/" + item.id(),
                markDone.bind(ttl, item.queue(), item.partition(), bucket, due, item.id()).setIdempotent(true));
    }

    private void dropIfOld(String queue, int partition, long hour) {
        if (Columns.bucketEnd(hour).isBefore(clock.instant().minus(DROP_GRACE))) {
            String what = "dropping a finished hour of queue " + queue + "/" + partition;
            cql.execute(what, dropBucket.bind(queue, partition, hour).setIdempotent(true));
            cql.execute(what, dropItems.bind(queue, partition, hour).setIdempotent(true));
        }
    }
}
