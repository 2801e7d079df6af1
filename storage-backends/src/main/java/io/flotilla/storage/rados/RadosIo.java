package io.flotilla.storage.rados;

import com.sun.jna.Pointer;
import com.sun.jna.ptr.ByteByReference;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.LongByReference;
import com.sun.jna.ptr.PointerByReference;

import java.io.IOException;
import java.lang.ref.Reference;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The object operations the store is built from, on one I/O context (a pool and namespace). Each waits for
 * its result without blocking in native code (see {@link Aio}); batches keep up to {@link #WINDOW}
 * operations in flight.
 */
final class RadosIo {
    /** Operations kept in flight by the batch methods. */
    static final int WINDOW = 32;
    private static final LibRados LIB = LibRados.LIB;
    private static final int OMAP_PAGE = 1000;
    private static final Runnable NOTHING = () -> { };

    private final Pointer ioctx;
    private final NativeBuffers buffers;
    private final NativeBuffers headBuffers;
    private final Duration wait;

    /**
     * {@code buffers} hold {@link NativeBuffers#SIZE} bytes, {@code headBuffers} {@link Head#READ_SIZE};
     * {@code wait} bounds every wait for the cluster, and librados' own op timeout should fire first.
     */
    RadosIo(Pointer ioctx, NativeBuffers buffers, NativeBuffers headBuffers, Duration wait) {
        this.ioctx = ioctx;
        this.buffers = buffers;
        this.headBuffers = headBuffers;
        this.wait = wait;
    }

    NativeBuffers buffers() {
        return buffers;
    }

    Duration waitLimit() {
        return wait;
    }

    /** Queues a write of {@code length} bytes of {@code buffer}; {@code cleanup} runs when it is done with it. */
    Aio.Op write(String oid, Pointer buffer, int length, long offset, Runnable cleanup) throws IOException {
        return Aio.submit("writing " + oid, c -> LIB.rados_aio_write(ioctx, oid, c, buffer, length, offset), cleanup);
    }

    /** Queues a read into {@code buffer}, whose result code is the number of bytes read; see {@link #write}. */
    Aio.Op read(String oid, Pointer buffer, int length, long offset, Runnable cleanup) throws IOException {
        return Aio.submit("reading " + oid, c -> LIB.rados_aio_read(ioctx, oid, c, buffer, length, offset), cleanup);
    }

    /** Reads and parses the head under {@code key}, or empty when there is no object there. */
    Optional<Head> readHead(String key) throws IOException {
        return readHeadLater(key).get();
    }

    /** Reads the heads under {@code keys}, {@link #WINDOW} at a time; absent keys map to empty. */
    Map<String, Optional<Head>> readHeads(Collection<String> keys) throws IOException {
        Map<String, Optional<Head>> heads = new LinkedHashMap<>();
        ArrayDeque<Map.Entry<String, PendingHead>> inFlight = new ArrayDeque<>();
        try {
            for (String key : keys) {
                if (inFlight.size() >= WINDOW) {
                    Map.Entry<String, PendingHead> e = inFlight.poll();
                    heads.put(e.getKey(), e.getValue().get());
                }
                inFlight.add(Map.entry(key, readHeadLater(key)));
            }
            while (!inFlight.isEmpty()) {
                Map.Entry<String, PendingHead> e = inFlight.poll();
                heads.put(e.getKey(), e.getValue().get());
            }
            return heads;
        } finally {
            inFlight.forEach(e -> e.getValue().op().abandon());
        }
    }

    private record PendingHead(Aio.Op op, String key, Pointer buffer, Duration limit) {
        Optional<Head> get() throws IOException {
            return op.await(limit, rc -> {
                if (rc == RadosErrors.ENOENT) {
                    return Optional.empty();
                }
                RadosErrors.check(rc, "reading " + key);
                return Optional.of(Head.parse(key, buffer.getByteArray(0, rc), rc));
            });
        }
    }

    private PendingHead readHeadLater(String key) throws IOException {
        Pointer buffer = headBuffers.acquire();
        Aio.Op op = Aio.submit("reading " + key,
                c -> LIB.rados_aio_read(ioctx, key, c, buffer, Head.READ_SIZE, 0), () -> headBuffers.release(buffer));
        return new PendingHead(op, key, buffer, wait);
    }

    /** Creates {@code oid} holding {@code content}, atomically; false if it already exists. */
    boolean createExclusive(String oid, byte[] content) throws IOException {
        Pointer op = LIB.rados_create_write_op();
        LIB.rados_write_op_create(op, LibRados.CREATE_EXCLUSIVE, null);
        LIB.rados_write_op_write_full(op, content, content.length);
        int rc = Aio.submit("creating " + oid, c -> LIB.rados_aio_write_op_operate(op, ioctx, c, oid, null, 0),
                () -> LIB.rados_release_write_op(op)).await(wait);
        if (rc == RadosErrors.EEXIST) {
            return false;
        }
        RadosErrors.check(rc, "creating " + oid);
        return true;
    }

    /** The size of {@code oid}, or empty when it does not exist. */
    OptionalLong size(String oid) throws IOException {
        LongByReference size = new LongByReference();
        LongByReference mtime = new LongByReference();
        int rc = Aio.submit("stat of " + oid, c -> LIB.rados_aio_stat(ioctx, oid, c, size, mtime), NOTHING).await(wait);
        if (rc == RadosErrors.ENOENT) {
            return OptionalLong.empty();
        }
        RadosErrors.check(rc, "stat of " + oid);
        return OptionalLong.of(size.getValue());
    }

    /** Removes the objects, {@link #WINDOW} at a time; missing ones are not errors. */
    void removeAll(Collection<String> oids) throws IOException {
        ArrayDeque<Aio.Op> inFlight = new ArrayDeque<>();
        IOException failure = null;
        for (String oid : oids) {
            if (inFlight.size() >= WINDOW) {
                failure = awaitRemove(inFlight.poll(), failure);
            }
            inFlight.add(Aio.submit("removing " + oid, c -> LIB.rados_aio_remove(ioctx, oid, c), NOTHING));
        }
        while (!inFlight.isEmpty()) {
            failure = awaitRemove(inFlight.poll(), failure);
        }
        if (failure != null) {
            throw failure;
        }
    }

    private IOException awaitRemove(Aio.Op op, IOException earlier) throws IOException {
        int rc = op.await(wait);
        if (rc >= 0 || rc == RadosErrors.ENOENT || earlier != null) {
            return earlier;
        }
        return RadosErrors.failure(rc, "removing objects");
    }

    /** Sets omap entries on {@code oid}, creating it if needed. */
    void omapSet(String oid, Map<String, String> entries) throws IOException {
        if (entries.isEmpty()) {
            return;
        }
        String[] keys = entries.keySet().toArray(String[]::new);
        String[] values = entries.values().toArray(String[]::new);
        long[] lengths = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            lengths[i] = values[i].length(); // ASCII only
        }
        Pointer op = LIB.rados_create_write_op();
        LIB.rados_write_op_omap_set(op, keys, values, lengths, keys.length);
        int rc = Aio.submit("updating " + oid, c -> LIB.rados_aio_write_op_operate(op, ioctx, c, oid, null, 0),
                () -> LIB.rados_release_write_op(op)).await(wait);
        RadosErrors.check(rc, "updating " + oid);
    }

    /** Removes omap entries from {@code oid}; a missing object or key is not an error. */
    void omapRemove(String oid, Collection<String> keys) throws IOException {
        if (keys.isEmpty()) {
            return;
        }
        Pointer op = LIB.rados_create_write_op();
        LIB.rados_write_op_omap_rm_keys(op, keys.toArray(String[]::new), keys.size());
        int rc = Aio.submit("updating " + oid, c -> LIB.rados_aio_write_op_operate(op, ioctx, c, oid, null, 0),
                () -> LIB.rados_release_write_op(op)).await(wait);
        if (rc != RadosErrors.ENOENT) {
            RadosErrors.check(rc, "updating " + oid);
        }
    }

    /** Every omap entry of {@code oid} whose key starts with {@code prefix}, in key order. */
    List<Map.Entry<String, String>> omapList(String oid, String prefix) throws IOException {
        List<Map.Entry<String, String>> out = new ArrayList<>();
        String after = "";
        while (true) {
            Page page = omapPage(oid, after, prefix);
            out.addAll(page.entries());
            if (!page.more() || page.entries().isEmpty()) {
                return out;
            }
            after = page.entries().getLast().getKey();
        }
    }

    private record Page(List<Map.Entry<String, String>> entries, boolean more) {
    }

    private Page omapPage(String oid, String after, String prefix) throws IOException {
        Pointer op = LIB.rados_create_read_op();
        PointerByReference iterator = new PointerByReference();
        ByteByReference more = new ByteByReference();
        IntByReference result = new IntByReference();
        LIB.rados_read_op_omap_get_vals2(op, after, prefix, OMAP_PAGE, iterator, more, result);
        // The iterator, flag and result are written when the operation completes: they stay referenced
        // by the cleanup until then, and the iterator is freed with the operation.
        Runnable cleanup = () -> {
            if (iterator.getValue() != null) {
                LIB.rados_omap_get_end(iterator.getValue());
            }
            LIB.rados_release_read_op(op);
            Reference.reachabilityFence(more);
            Reference.reachabilityFence(result);
        };
        return Aio.submit("listing " + oid, c -> LIB.rados_aio_read_op_operate(op, ioctx, c, oid, 0), cleanup)
                .await(wait, rc -> {
                    if (rc == RadosErrors.ENOENT) {
                        return new Page(List.of(), false);
                    }
                    RadosErrors.check(rc, "listing " + oid);
                    RadosErrors.check(result.getValue(), "listing " + oid);
                    List<Map.Entry<String, String>> entries = new ArrayList<>();
                    PointerByReference key = new PointerByReference();
                    PointerByReference value = new PointerByReference();
                    LongByReference length = new LongByReference();
                    while (true) {
                        RadosErrors.check(LIB.rados_omap_get_next(iterator.getValue(), key, value, length), "listing " + oid);
                        if (key.getValue() == null) {
                            break;
                        }
                        int n = Math.toIntExact(length.getValue());
                        String v = n == 0 ? "" : new String(value.getValue().getByteArray(0, n), StandardCharsets.US_ASCII);
                        entries.add(Map.entry(key.getValue().getString(0, "US-ASCII"), v));
                    }
                    return new Page(entries, more.getValue() != 0);
                });
    }
}
