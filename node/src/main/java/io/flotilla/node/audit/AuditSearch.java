package io.flotilla.node.audit;

import io.flotilla.storage.spi.AuditEvent;
import io.flotilla.storage.spi.MetadataStore;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads the audit log newest first, filtered, through the store's id cursor. The store filters only by time,
 * so other filters cost a scan; {@link #MAX_SCANNED} bounds what one request may read.
 */
public final class AuditSearch {

    /** The most events one query reads from the store, matching or not. */
    public static final int MAX_SCANNED = 200_000;
    private static final int BATCH = 500;

    private final MetadataStore store;

    public AuditSearch(MetadataStore store) {
        this.store = store;
    }

    /** One page (1-based) of matching events, with one more fetched to tell whether another page follows. */
    public List<AuditEvent> page(AuditQuery query, int page, int pageSize) {
        List<AuditEvent> out = new ArrayList<>(pageSize + 1);
        long skip = (long) (page - 1) * pageSize;
        long[] seen = {0};
        each(query, e -> {
            if (seen[0]++ >= skip) {
                out.add(e);
            }
            return out.size() <= pageSize;
        });
        return out;
    }

    /** Every matching event, newest first, up to {@code limit}: the export. */
    public void export(AuditQuery query, int limit, Consumer<AuditEvent> sink) {
        int[] n = {0};
        each(query, e -> {
            sink.accept(e);
            return ++n[0] < limit;
        });
    }

    private interface Visitor {
        /** @return false to stop */
        boolean visit(AuditEvent e);
    }

    private void each(AuditQuery query, Visitor visitor) {
        String before = null;
        int scanned = 0;
        while (scanned < MAX_SCANNED) {
            List<AuditEvent> batch = store.listAudit(query.from(), query.to(), before, BATCH);
            for (AuditEvent e : batch) {
                if (query.matches(e) && !visitor.visit(e)) {
                    return;
                }
            }
            scanned += batch.size();
            if (batch.size() < BATCH) {
                return;
            }
            before = batch.getLast().id();
        }
    }
}
