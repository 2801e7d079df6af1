package io.flotilla.storage.rados;

import com.ceph.rados.IoCTX;
import com.ceph.rados.Rados;
import io.flotilla.model.Digest;
import io.flotilla.storage.spi.Piece;
import io.flotilla.storage.spi.StorageUnavailableException;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import static io.flotilla.storage.contract.TestStreams.bytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Kills the OSD of {@code deploy/local/services.sh}'s cluster under an open store, then starts it again:
 * while it is down, calls fail with StorageUnavailableException within the configured timeout; once it is
 * back, the same store serves again by itself, and everything it acknowledged is still there (bluestore).
 * The cluster is left running.
 */
class RadosOsdRestartTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    @Test
    void aKilledOsdIsUnavailableWithinTheTimeoutAndNothingAcknowledgedIsLost() throws Exception {
        RadosConfig config = CephEnvironment.radosConfig()
                .withNamespace("osd-restart-" + UUID.randomUUID()).withTimeout(TIMEOUT);
        byte[] content = bytes(9 * 1024 * 1024, 1);
        try (RadosBlobStore store = RadosBlobStore.open(config)) {
            Piece blob = store.put(Digest.sha256(content), new ByteArrayInputStream(content));
            Piece staged = store.stage("restart", new ByteArrayInputStream(content));

            killOsd(config);
            try {
                long start = System.nanoTime();
                assertThrows(StorageUnavailableException.class, () -> store.stat(blob.key()));
                assertThrows(StorageUnavailableException.class,
                        () -> store.stage("restart", new ByteArrayInputStream(bytes(100, 2))));
                Duration took = Duration.ofNanos(System.nanoTime() - start);
                // Two calls, each bounded by the timeout plus the store's few seconds of slack.
                assertTrue(took.compareTo(TIMEOUT.plusSeconds(5).multipliedBy(2)) < 0, took::toString);
            } finally {
                CephEnvironment.up();
            }

            assertArrayEquals(content, eventually(store, blob));
            assertArrayEquals(content, eventually(store, staged));
        } finally {
            purge(config);
        }
    }

    private static void killOsd(RadosConfig config) throws IOException, InterruptedException {
        // services.sh keeps pid files in run/ beside the conf file.
        Path pidFile = config.conf().resolveSibling("run").resolve("osd.0.pid");
        String pid = Files.readString(pidFile).trim();
        Process kill = new ProcessBuilder("kill", "-9", pid).inheritIO().start();
        assertTrue(kill.waitFor() == 0, "kill -9 " + pid + " failed");
    }

    /** Reads the piece, retrying for up to 30 s while the cluster comes back. */
    private static byte[] eventually(RadosBlobStore store, Piece piece) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            try (InputStream in = store.open(piece, 0, piece.length())) {
                return in.readAllBytes();
            } catch (StorageUnavailableException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
            }
        }
    }

    private static void purge(RadosConfig config) throws IOException {
        Rados rados = new Rados("ceph", config.user(), 0);
        try {
            rados.confReadFile(config.conf().toFile());
            rados.confSet("keyring", config.keyring().toString());
            rados.connect();
            try (IoCTX io = rados.ioCtxCreate(config.pool())) {
                io.setNamespace(config.namespace());
                for (String oid : io.listObjects()) {
                    io.remove(oid);
                }
            }
        } finally {
            rados.shutDown();
        }
    }
}
