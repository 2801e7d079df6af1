/*
 * PlainHelidonServer: the ceiling of the HTTP layer Flotilla is built on.
 *
 * A bare Helidon SE 4.3.0 webserver that stores and serves one file, doing the
 * minimum a registry must do with a blob: hash it and make it durable.
 *
 *   PUT /f  read the body in 1 MiB batches, SHA-256 each batch, write it to
 *           DIR/f-N.tmp, fdatasync (FileChannel.force(false)), rename to DIR/f-N,
 *           answer 201 with the digest in Docker-Content-Digest. Every PUT gets
 *           a new N and older files are kept (like a registry, which does not
 *           delete a blob when another is pushed), so no unlink of a large file
 *           lands inside a timed push.
 *   GET /f  the file of the latest completed PUT: Content-Length set, streamed
 *           from disk with 1 MiB writes.
 *
 * Run with the Java 25 source launcher (no build step):
 *   $JAVA_HOME/bin/java -cp 'node/target/lib/*' deploy/bench/PlainHelidonServer.java PORT DIR
 *
 * Used by deploy/bench/push-pull.sh; not part of Flotilla.
 */

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

public class PlainHelidonServer {
    private static final int BATCH = 1 << 20;
    private static final AtomicLong SEQ = new AtomicLong();
    private static final AtomicReference<Path> LATEST = new AtomicReference<>();

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: PlainHelidonServer PORT DIR");
            System.exit(2);
        }
        int port = Integer.parseInt(args[0]);
        Path dir = Path.of(args[1]);
        Files.createDirectories(dir);

        WebServer server = WebServer.builder()
                .host("127.0.0.1")
                .port(port)
                // Helidon 4.3.0 sets SO_RCVBUF=4096 on the listener by default, which
                // pins a tiny TCP window and caps uploads at about 100 MB/s.
                .putListenerSocketOption(StandardSocketOptions.SO_RCVBUF, 4 * 1024 * 1024)
                .routing(r -> r
                        .put("/f", (req, res) -> put(req, res, dir))
                        .get("/f", (req, res) -> get(res)))
                .build()
                .start();
        System.err.println("PlainHelidonServer listening on 127.0.0.1:" + server.port() + ", dir " + dir);
    }

    private static void put(ServerRequest req, ServerResponse res, Path dir) throws IOException {
        long seq = SEQ.incrementAndGet();
        Path tmp = dir.resolve("f-" + seq + ".tmp");
        Path file = dir.resolve("f-" + seq);
        MessageDigest sha = sha256();
        byte[] buf = new byte[BATCH];
        ByteBuffer bb = ByteBuffer.wrap(buf);
        long total = 0;
        long t0 = System.nanoTime(), t1;
        try (InputStream in = req.content().inputStream();
             FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                     StandardOpenOption.TRUNCATE_EXISTING)) {
            int n;
            while ((n = in.readNBytes(buf, 0, BATCH)) > 0) {
                sha.update(buf, 0, n);
                bb.clear().limit(n);
                while (bb.hasRemaining()) {
                    ch.write(bb);
                }
                total += n;
            }
            t1 = System.nanoTime();
            ch.force(false);
        }
        long t2 = System.nanoTime();
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
        LATEST.set(file);
        res.status(Status.CREATED_201)
                .header("Docker-Content-Digest", "sha256:" + HexFormat.of().formatHex(sha.digest()))
                .header("X-Bytes-Stored", Long.toString(total))
                // Where the time went: receive + hash + write, then fdatasync.
                .header("X-Receive-Millis", Long.toString((t1 - t0) / 1_000_000))
                .header("X-Force-Millis", Long.toString((t2 - t1) / 1_000_000))
                .send();
    }

    private static void get(ServerResponse res) throws IOException {
        Path file = LATEST.get();
        if (file == null) {
            res.status(Status.NOT_FOUND_404).send();
            return;
        }
        long size = Files.size(file);
        res.header(HeaderNames.CONTENT_TYPE, "application/octet-stream");
        res.contentLength(size);
        byte[] buf = new byte[BATCH];
        try (InputStream in = Files.newInputStream(file); OutputStream out = res.outputStream()) {
            int n;
            while ((n = in.read(buf)) > 0) {
                out.write(buf, 0, n);
            }
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
