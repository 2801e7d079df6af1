package io.flotilla.bench.plain;

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

/**
 * Bare Helidon SE doing only what a registry must do with a blob: hash it and make it durable.
 *
 * <ul>
 *   <li>{@code PUT /f}: reads the body in 1 MiB batches, hashes each with SHA-256, writes it to
 *   {@code DIR/f-N.tmp}, fdatasyncs, renames to {@code DIR/f-N} and answers 201 with the digest. Every PUT gets
 *   a new N and older files stay, as a registry keeps its blobs, so no unlink of a large file lands inside a
 *   timed push. Headers say where the time went: receive, hash and write, then fdatasync.</li>
 *   <li>{@code GET /f}: the file of the latest completed PUT, with its Content-Length, in 1 MiB writes.</li>
 * </ul>
 *
 * <p>Run: {@code java -cp <bench classpath> io.flotilla.bench.plain.PlainHelidonServer PORT DIR}.
 */
public final class PlainHelidonServer {
    private static final int BATCH = 1 << 20;
    /** Helidon 4.3.0 pins the listener's SO_RCVBUF at 4 KiB, which caps uploads near 100 MB/s. */
    private static final int RECEIVE_BUFFER = 4 << 20;

    private final Path dir;
    private final AtomicLong sequence = new AtomicLong();
    private final AtomicReference<Path> latest = new AtomicReference<>();

    private PlainHelidonServer(Path dir) {
        this.dir = dir;
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: PlainHelidonServer PORT DIR");
            System.exit(2);
        }
        WebServer server = start(Integer.parseInt(args[0]), Path.of(args[1]));
        System.err.println("PlainHelidonServer listening on 127.0.0.1:" + server.port() + ", storing in " + args[1]);
    }

    /** Starts on 127.0.0.1 ({@code port} 0 picks one); the caller stops the answered server. */
    public static WebServer start(int port, Path dir) throws IOException {
        Files.createDirectories(dir);
        PlainHelidonServer files = new PlainHelidonServer(dir);
        return WebServer.builder()
                .host("127.0.0.1")
                .port(port)
                .putListenerSocketOption(StandardSocketOptions.SO_RCVBUF, RECEIVE_BUFFER)
                .routing(r -> r.put("/f", files::put).get("/f", files::get))
                .build()
                .start();
    }

    private void put(ServerRequest req, ServerResponse res) throws IOException {
        long n = sequence.incrementAndGet();
        Path tmp = dir.resolve("f-" + n + ".tmp");
        Path file = dir.resolve("f-" + n);
        MessageDigest sha = sha256();
        byte[] buf = new byte[BATCH];
        ByteBuffer wrapped = ByteBuffer.wrap(buf);
        long total = 0;
        long start = System.nanoTime();
        long received;
        try (InputStream in = req.content().inputStream();
             FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                     StandardOpenOption.TRUNCATE_EXISTING)) {
            int read;
            // readNBytes: Helidon hands out at most 8 KiB per read; batching is what makes hashing cheap.
            while ((read = in.readNBytes(buf, 0, BATCH)) > 0) {
                sha.update(buf, 0, read);
                wrapped.clear().limit(read);
                while (wrapped.hasRemaining()) {
                    out.write(wrapped);
                }
                total += read;
            }
            received = System.nanoTime();
            out.force(false);
        }
        long forced = System.nanoTime();
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
        latest.set(file);
        res.status(Status.CREATED_201)
                .header("Docker-Content-Digest", "sha256:" + HexFormat.of().formatHex(sha.digest()))
                .header("X-Bytes-Stored", Long.toString(total))
                .header("X-Receive-Millis", Long.toString((received - start) / 1_000_000))
                .header("X-Force-Millis", Long.toString((forced - received) / 1_000_000))
                .send();
    }

    private void get(ServerRequest req, ServerResponse res) throws IOException {
        Path file = latest.get();
        if (file == null) {
            res.status(Status.NOT_FOUND_404).send();
            return;
        }
        res.header(HeaderNames.CONTENT_TYPE, "application/octet-stream");
        res.contentLength(Files.size(file));
        byte[] buf = new byte[BATCH];
        try (InputStream in = Files.newInputStream(file); OutputStream out = res.outputStream()) {
            int read;
            while ((read = in.read(buf)) > 0) {
                out.write(buf, 0, read);
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
