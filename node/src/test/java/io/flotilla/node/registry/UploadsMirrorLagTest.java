package io.flotilla.node.registry;

import io.flotilla.cluster.Cache;
import io.flotilla.cluster.Locks;
import io.flotilla.cluster.UploadSessions;
import io.flotilla.model.Digest;
import io.flotilla.model.RepositoryName;
import io.flotilla.node.gc.GcQueue;
import io.flotilla.storage.embedded.EmbeddedMetadataStore;
import io.flotilla.storage.fs.FsBlobStore;
import io.flotilla.storage.spi.UploadRecord;
import io.flotilla.storage.spi.Versioned;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The session mirror can lag the upload row: on the minority side of a grid split a chunk is recorded in
 * the metadata store while the mirror refuses the write, and after the heal the mirror still holds the older
 * session. Found by SplitBrainClusterTest: the next chunk was refused with a stale Range and the commit
 * failed its CAS, for good. The row is the truth, so the upload must go on from it.
 */
class UploadsMirrorLagTest {
    private static final RepositoryName REPO = RepositoryName.parse("mirror/lag");
    private final byte[] content = new byte[300];
    private final LaggingSessions sessions = new LaggingSessions();
    private EmbeddedMetadataStore metadata;
    private FsBlobStore blobs;
    private Uploads uploads;

    @BeforeEach
    void setUp(@TempDir Path dir) throws Exception {
        Arrays.fill(content, (byte) 7);
        content[299] = 1;
        metadata = new EmbeddedMetadataStore(dir.resolve("metadata"));
        blobs = new FsBlobStore(dir.resolve("blobs"));
        Clock clock = Clock.systemUTC();
        uploads = new Uploads(blobs, metadata, sessions, NO_LOCKS, new BlobCommitter(metadata,
                new GcQueue(metadata, clock, Duration.ofDays(1), "dc1"), clock),
                new BlobLinks(metadata, new NoCache()), new RunningHashes(), clock);
    }

    @AfterEach
    void tearDown() throws Exception {
        metadata.close();
        blobs.close();
    }

    @Test
    void aChunkAfterOneTheMirrorMissedIsAccepted() throws Exception {
        String id = startWithAChunkTheMirrorMissed();
        assertEquals(200, uploads.status(REPO, id).size(), "status answers the row's size, not the mirror's");
        UploadRecord after = uploads.append(REPO, id, chunk(200, 300));
        assertEquals(300, after.size());
        uploads.complete(REPO, id, digest(content), Chunk.unranged(new ByteArrayInputStream(new byte[0])));
    }

    @Test
    void anUploadWhoseMirrorMissedAChunkCommits() throws Exception {
        String id = startWithAChunkTheMirrorMissed();
        uploads.complete(REPO, id, digest(content),
                Chunk.unranged(new ByteArrayInputStream(Arrays.copyOfRange(content, 200, 300))));
        assertEquals(Optional.empty(), metadata.getUpload(id), "the committed upload's row is gone");
    }

    /** Bytes 0-99 with the mirror, 100-199 while it refuses writes (as on a minority), then it works again. */
    private String startWithAChunkTheMirrorMissed() {
        String id = uploads.start(REPO).id();
        uploads.append(REPO, id, chunk(0, 100));
        sessions.refusing = true;
        uploads.append(REPO, id, chunk(100, 200));
        sessions.refusing = false;
        assertEquals(100, sessions.get(id).orElseThrow().value().size(), "the mirror lags, as the test intends");
        return id;
    }

    private Chunk chunk(int from, int to) {
        return new Chunk(new ByteArrayInputStream(Arrays.copyOfRange(content, from, to)), from, to - 1);
    }

    private static Digest digest(byte[] bytes) throws Exception {
        return Digest.parse("sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)));
    }

    /** A mirror that skips writes while {@code refusing}, as a minority's grid map does; else keeps the newer. */
    private static final class LaggingSessions implements UploadSessions {
        private final Map<String, Versioned<UploadRecord>> map = new ConcurrentHashMap<>();
        volatile boolean refusing;

        @Override
        public Optional<Versioned<UploadRecord>> get(String uploadId) {
            return Optional.ofNullable(map.get(uploadId));
        }

        @Override
        public void put(Versioned<UploadRecord> session) {
            if (!refusing) {
                map.merge(session.value().id(), session, (old, now) -> now.version() > old.version() ? now : old);
            }
        }

        @Override
        public void remove(String uploadId) {
            map.remove(uploadId);
        }

        @Override
        public int openCount() {
            return map.size();
        }
    }

    private static final Locks NO_LOCKS = (name, wait) -> Optional.of(() -> { });

    private static final class NoCache implements Cache<Boolean> {
        @Override
        public Optional<Boolean> get(String key) {
            return Optional.empty();
        }

        @Override
        public void put(String key, Boolean value) {
        }

        @Override
        public void invalidate(String key) {
        }
    }
}
