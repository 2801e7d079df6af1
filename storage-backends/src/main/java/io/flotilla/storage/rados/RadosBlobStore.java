package io.flotilla.storage.rados;

import com.ceph.rados.IoCTX;
import com.ceph.rados.Rados;
import com.ceph.rados.exceptions.RadosException;
import io.flotilla.model.Digest;
import io.flotilla.model.DigestAlgorithm;
import io.flotilla.storage.spi.BlobStore;
import io.flotilla.storage.spi.DigestMismatchException;
import io.flotilla.storage.spi.NoSuchObjectException;
import io.flotilla.storage.spi.Piece;
import io.flotilla.storage.spi.StorageUnavailableException;
import io.flotilla.storage.support.Batches;
import io.flotilla.storage.support.PieceIds;
import io.flotilla.storage.support.StorageKeys;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Blobs in a Ceph RADOS pool, through librados (rados-java 0.6.0 for the connection, {@link LibRados} for
 * asynchronous I/O). The whole layout, in the configured pool and namespace:
 * <pre>
 *   blobs/&lt;alg&gt;/&lt;hex&gt;                  head of a blob written by {@link #put} (see {@link Head})
 *   uploads/&lt;uploadId&gt;/&lt;pieceId&gt;       head of a staged piece
 *   uploads/&lt;uploadId&gt;/&lt;pieceId&gt;:&lt;n&gt;   chunk n of that piece's bytes (64 MiB each; a RADOS object holds 128 MiB at most)
 *   data/&lt;attemptId&gt;:&lt;n&gt;              chunk n of a put's bytes; the blob's head names data/&lt;attemptId&gt;
 *   index:uploads.&lt;0-f&gt;                omap "&lt;uploadId&gt;/&lt;pieceId&gt;" = "&lt;millis&gt; &lt;chunks or ?&gt;": every staged piece,
 *                                     recorded before its first byte and kept until it is deleted
 *   index:orphans.&lt;0-f&gt;                omap "data/&lt;attemptId&gt;" = "&lt;millis&gt; &lt;key&gt; &lt;chunks or ?&gt;": data a head may not
 *                                     own (a put in progress, a blob being deleted); swept after an hour
 * </pre>
 * Keys cannot contain ':', so no key names a chunk or an index object. Pieces of up to 64 KiB live inside
 * their head. Chunks are written first and the head last, with an exclusive create, so a head that exists
 * always has all its bytes: it is the commit marker, and put() writes it only after the digest matched.
 * Nothing is ever renamed or copied.
 *
 * <p>RADOS lists objects only by scanning the whole pool, so anything that must be found again is recorded
 * in the omap indexes above: abortStaging and stagedUploadsOlderThan read {@code index:uploads}, and opening
 * a store sweeps {@code index:orphans} of data left by a process that died mid-put or mid-delete.
 *
 * <p>Every librados call is asynchronous and awaited on a future (see {@link Aio}), so virtual threads
 * never block in native code. An operation that times out, or a connection refused, raises
 * {@link StorageUnavailableException}.
 */
public final class RadosBlobStore implements BlobStore {
    private static final System.Logger LOG = System.getLogger(RadosBlobStore.class.getName());
    private static final String DATA = "data/";
    /** Orphan records younger than this may belong to a put still running on another node. */
    private static final Duration ORPHAN_GRACE = Duration.ofHours(1);
    private static final int POOLED_BUFFERS = 16;
    private static final int POOLED_HEAD_BUFFERS = 64;

    private final Rados cluster;
    private final IoCTX ioctx;
    private final NativeBuffers buffers;
    private final NativeBuffers headBuffers;
    private final RadosIo io;
    private final ShardedIndex staging;
    private final ShardedIndex orphans;

    private RadosBlobStore(Rados cluster, IoCTX ioctx, Duration timeout) {
        this.cluster = cluster;
        this.ioctx = ioctx;
        this.buffers = new NativeBuffers(NativeBuffers.SIZE, POOLED_BUFFERS);
        this.headBuffers = new NativeBuffers(Head.READ_SIZE, POOLED_HEAD_BUFFERS);
        // librados times operations out after `timeout`; waiting a little longer lets its error through.
        this.io = new RadosIo(ioctx.getPointer(), buffers, headBuffers, timeout.plusSeconds(5));
        this.staging = new ShardedIndex(io, "index:uploads");
        this.orphans = new ShardedIndex(io, "index:orphans");
    }

    /**
     * Connects to the cluster and opens the pool and namespace, then sweeps data orphaned more than an
     * hour ago. Raises StorageUnavailableException if the cluster cannot be reached within the timeout.
     */
    public static RadosBlobStore open(RadosConfig config) throws IOException {
        Rados cluster;
        try {
            cluster = new Rados("ceph", config.user(), 0);
        } catch (UnsatisfiedLinkError e) {
            throw new IOException("librados is not installed (Debian: apt-get install librados2)", e);
        }
        IoCTX ioctx = null;
        try {
            String seconds = Long.toString(Math.max(1, config.timeout().toSeconds()));
            cluster.confReadFile(config.conf().toFile());
            cluster.confSet("keyring", config.keyring().toString());
            cluster.confSet("client_mount_timeout", seconds);
            cluster.confSet("rados_mon_op_timeout", seconds);
            cluster.confSet("rados_osd_op_timeout", seconds);
            // librados asks the monitor for a newer OSD map only when its 5 s tick finds an op that has
            // waited objecter_timeout (10 s). An op given up on sooner never counts, so a client whose OSD
            // restarted at a new address timed out forever; with these it finds the new map in a second or two.
            cluster.confSet("objecter_timeout", "1");
            cluster.confSet("objecter_tick_interval", "1");
            try {
                cluster.connect();
            } catch (RadosException e) {
                throw new StorageUnavailableException("cannot connect to Ceph as " + config.user() + " with "
                        + config.conf() + ": " + e.getMessage(), e);
            }
            ioctx = cluster.ioCtxCreate(config.pool());
            ioctx.setNamespace(config.namespace());
            RadosBlobStore store = new RadosBlobStore(cluster, ioctx, config.timeout());
            store.sweepOrphans(Instant.now().minus(ORPHAN_GRACE));
            return store;
        } catch (IOException | RuntimeException e) {
            if (ioctx != null) {
                ioctx.close();
            }
            cluster.shutDown();
            throw e;
        }
    }

    @Override
    public Piece put(Digest digest, InputStream content) throws IOException {
        String key = StorageKeys.blobKey(digest);
        MessageDigest md = digest.algorithm().newMessageDigest();
        if (io.readHead(key).isPresent()) {
            // Already stored: verify the caller's bytes but keep the copy we have.
            long size = Batches.pump(content, (batch, n) -> md.update(batch, 0, n));
            verify(digest, md);
            return new Piece(key, size);
        }
        String prefix = DATA + PieceIds.next();
        String record = System.currentTimeMillis() + " " + key + " ?";
        PieceWriter writer = new PieceWriter(io, prefix, () -> orphans.put(prefix, prefix, record));
        Head head;
        try {
            Batches.pump(content, (batch, n) -> {
                md.update(batch, 0, n);
                writer.write(batch, n);
            });
            head = writer.finish();
            verify(digest, md);
        } catch (IOException | RuntimeException e) {
            discard(writer, prefix);
            throw e;
        }
        // If this create fails ambiguously (a timeout) the head may exist: the data stays, and the sweep
        // keeps it if the head names it.
        if (!io.createExclusive(key, head.encode())) {
            discard(writer, prefix); // a concurrent put of the same digest won; its copy stays
            return new Piece(key, head.size());
        }
        if (!head.isInline()) {
            forgetOrphan(prefix);
        }
        return new Piece(key, head.size());
    }

    @Override
    public Piece stage(String uploadId, InputStream content) throws IOException {
        String pieceId = PieceIds.next();
        String key = StorageKeys.pieceKey(uploadId, pieceId);
        String entry = uploadId + "/" + pieceId;
        // Recorded before any byte is written, so abortStaging finds even a piece torn by a crash.
        staging.put(uploadId, entry, System.currentTimeMillis() + " ?");
        PieceWriter writer = new PieceWriter(io, key, () -> { });
        Head head;
        try {
            Batches.pump(content, writer::write);
            head = writer.finish();
        } catch (IOException | RuntimeException e) {
            if (writer.abort()) {
                quietly(() -> staging.remove(uploadId, List.of(entry)));
            }
            throw e;
        }
        if (!io.createExclusive(key, head.encode())) {
            throw new IOException("piece " + key + " exists already"); // piece ids are unique: never happens
        }
        // The piece is durable now; refreshing its record (write time, chunk count) is only an optimisation.
        quietly(() -> staging.put(uploadId, entry, System.currentTimeMillis() + " " + head.chunks()));
        return new Piece(key, head.size());
    }

    @Override
    public InputStream open(Piece piece, long offset, long length) throws IOException {
        if (offset < 0 || length < 0) {
            throw new IllegalArgumentException("negative offset or length: " + offset + "+" + length);
        }
        String key = piece.key();
        if (!isLayoutKey(key)) {
            throw new NoSuchObjectException(key);
        }
        Head head = io.readHead(key).orElseThrow(() -> new NoSuchObjectException(key));
        if (offset > head.size() - length) {
            throw new EOFException(key + " holds " + head.size() + " bytes, not the " + offset + "+" + length
                    + " asked for");
        }
        if (head.isInline()) {
            return new ByteArrayInputStream(head.inline(), (int) offset, (int) length);
        }
        if (length == 0) {
            return InputStream.nullInputStream();
        }
        return new ChunkedInputStream(io, key, head, offset, length);
    }

    @Override
    public OptionalLong stat(String key) throws IOException {
        if (!isLayoutKey(key)) {
            return OptionalLong.empty();
        }
        Optional<Head> head = io.readHead(key);
        return head.isPresent() ? OptionalLong.of(head.get().size()) : OptionalLong.empty();
    }

    @Override
    public void delete(Collection<String> keys) throws IOException {
        Set<String> pieces = new LinkedHashSet<>();
        for (String key : keys) {
            if (isLayoutKey(key)) {
                pieces.add(key);
            }
        }
        deletePieces(pieces);
    }

    @Override
    public void abortStaging(String uploadId) throws IOException {
        StorageKeys.checkUploadId(uploadId);
        List<String> keys = new ArrayList<>();
        for (Map.Entry<String, String> e : staging.list(uploadId, uploadId + "/")) {
            keys.add(StorageKeys.UPLOADS + "/" + e.getKey());
        }
        deletePieces(keys);
    }

    @Override
    public List<String> stagedUploadsOlderThan(Instant cutoff) throws IOException {
        Map<String, Long> newest = new HashMap<>();
        for (Map.Entry<String, String> e : staging.listAll()) {
            String uploadId = e.getKey().substring(0, Math.max(0, e.getKey().indexOf('/')));
            newest.merge(uploadId, millis(e.getValue()), Math::max);
        }
        long limit = cutoff.toEpochMilli();
        List<String> old = new ArrayList<>();
        newest.forEach((id, t) -> {
            if (t < limit && !id.isEmpty()) {
                old.add(id);
            }
        });
        old.sort(null);
        return old;
    }

    @Override
    public void close() throws IOException {
        try {
            ioctx.aioFlush();
            ioctx.close();
        } finally {
            cluster.shutDown();
            buffers.close();
            headBuffers.close();
        }
    }

    /** The record of staged pieces (for tests). */
    ShardedIndex stagingIndex() {
        return staging;
    }

    /** The record of data a head may not own (for tests). */
    ShardedIndex orphanIndex() {
        return orphans;
    }

    /**
     * Removes data recorded in {@code index:orphans} before {@code cutoff}, unless the head it was written
     * for names it (the put committed, or the delete never removed the head).
     */
    void sweepOrphans(Instant cutoff) throws IOException {
        for (Map.Entry<String, String> e : orphans.listAll()) {
            String prefix = e.getKey();
            String[] f = e.getValue().split(" ");
            if (f.length != 3 || millis(e.getValue()) >= cutoff.toEpochMilli() || !prefix.startsWith(DATA)) {
                continue;
            }
            Optional<Head> head = isLayoutKey(f[1]) ? io.readHead(f[1]) : Optional.empty();
            if (head.isEmpty() || !prefix.equals(head.get().dataPrefix())) {
                io.removeAll(chunksOf(prefix, f[2]));
            }
            orphans.remove(prefix, List.of(prefix));
            LOG.log(System.Logger.Level.INFO, "swept orphaned RADOS data {0} of {1}", prefix, f[1]);
        }
    }

    /** Removes pieces: heads first, so no reader finds a head without its chunks, then chunks and records. */
    private void deletePieces(Collection<String> keys) throws IOException {
        if (keys.isEmpty()) {
            return;
        }
        String now = Long.toString(System.currentTimeMillis());
        List<String> heads = new ArrayList<>();
        List<String> chunks = new ArrayList<>();
        List<String> orphaned = new ArrayList<>();
        Map<String, List<String>> entries = new LinkedHashMap<>();
        for (Map.Entry<String, Optional<Head>> e : io.readHeads(keys).entrySet()) {
            String key = e.getKey();
            Optional<Head> head = e.getValue();
            boolean staged = key.startsWith(StorageKeys.UPLOADS + "/");
            if (head.isPresent()) {
                heads.add(key);
                if (!head.get().isInline()) {
                    String prefix = head.get().dataPrefix();
                    if (!staged) {
                        // Once the head is gone nothing names this data: record it until it is removed.
                        orphans.put(prefix, prefix, now + " " + key + " " + head.get().chunks());
                        orphaned.add(prefix);
                    }
                    chunks.addAll(chunksOf(prefix, Integer.toString(head.get().chunks())));
                }
            } else if (staged) {
                chunks.addAll(chunksOf(key, "?")); // torn by a failed stage, if anything
            }
            if (staged) {
                String[] s = key.split("/");
                entries.computeIfAbsent(s[1], id -> new ArrayList<>()).add(s[1] + "/" + s[2]);
            }
        }
        io.removeAll(heads);
        io.removeAll(chunks);
        for (String prefix : orphaned) {
            forgetOrphan(prefix);
        }
        for (Map.Entry<String, List<String>> e : entries.entrySet()) {
            staging.remove(e.getKey(), e.getValue());
        }
    }

    /** The chunk objects of {@code prefix}: {@code count} of them, or as many as exist when it is "?". */
    private List<String> chunksOf(String prefix, String count) throws IOException {
        List<String> names = new ArrayList<>();
        if (!count.equals("?")) {
            for (int i = 0; i < Integer.parseInt(count); i++) {
                names.add(Head.chunkName(prefix, i));
            }
            return names;
        }
        // Chunks are written in order, and chunk n+1 only after chunk n has data: the first gap is the end.
        for (int i = 0; io.size(Head.chunkName(prefix, i)).isPresent(); i++) {
            names.add(Head.chunkName(prefix, i));
        }
        return names;
    }

    /** Drops put data that will never be named: aborts the writer, then forgets the record if that worked. */
    private void discard(PieceWriter writer, String prefix) {
        if (writer.abort() && writer.started()) {
            quietly(() -> forgetOrphan(prefix));
        }
    }

    private void forgetOrphan(String prefix) {
        // A record left behind costs one head read in a later sweep, which then finds the head and keeps the data.
        quietly(() -> orphans.remove(prefix, List.of(prefix)));
    }

    private static void verify(Digest expected, MessageDigest md) throws DigestMismatchException {
        Digest actual = Digest.of(expected.algorithm(), md);
        if (!actual.equals(expected)) {
            throw new DigestMismatchException(expected, actual);
        }
    }

    /** Whether {@code key} is well formed and of a shape this layout stores; other keys name nothing. */
    private static boolean isLayoutKey(String key) {
        String[] s = StorageKeys.checkKey(key).split("/");
        if (s.length != 3) {
            return false;
        }
        if (s[0].equals(StorageKeys.BLOBS)) {
            return DigestAlgorithm.byPrefix(s[1]).isPresent();
        }
        if (s[0].equals(StorageKeys.UPLOADS)) {
            try {
                StorageKeys.checkUploadId(s[1]);
                return true;
            } catch (IllegalArgumentException e) {
                return false;
            }
        }
        return false;
    }

    private static long millis(String record) {
        int space = record.indexOf(' ');
        try {
            return Long.parseLong(space < 0 ? record : record.substring(0, space));
        } catch (NumberFormatException e) {
            return 0; // unreadable: treat as ancient, so clean-up sees it
        }
    }

    @FunctionalInterface
    private interface IoAction {
        void run() throws IOException;
    }

    /** Best-effort bookkeeping: a failure leaves a record that clean-up handles later, so it is only logged. */
    private static void quietly(IoAction action) {
        try {
            action.run();
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "RADOS bookkeeping failed; clean-up will retry: {0}", e.toString());
        }
    }
}
