package io.flotilla.bench.measure;

import io.flotilla.bench.client.BlobFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The random blobs the transfer rows push, made before anything is timed: a different blob for every run of
 * every push row (so no registry can skip a push because it already holds the digest), plus the warm-up blob.
 * They live in tmpfs when it has room, so reading them never bounds a push.
 */
public final class BlobFiles {
    private static final int BLOCK = 1 << 20;

    private final Path dir;
    private final Map<String, List<BlobFile>> byRow = new LinkedHashMap<>();
    private final SecureRandom seeds = new SecureRandom();
    private BlobFile warmup;

    private BlobFiles(Path dir) {
        this.dir = dir;
    }

    /** Makes every blob {@code plan} pushes, in {@code dir}. */
    public static BlobFiles make(Plan plan, Path dir) throws IOException {
        Files.createDirectories(dir);
        BlobFiles files = new BlobFiles(dir);
        files.warmup = files.blob("warmup", plan.warmupBytes(), 0);
        for (Plan.PushRow row : plan.pushes()) {
            List<BlobFile> runs = new ArrayList<>();
            for (int run = 1; run <= plan.runs(); run++) {
                runs.add(files.blob(row.id() + "-" + run, row.bytes(), row.chunkBytes()));
            }
            files.byRow.put(row.id(), runs);
        }
        return files;
    }

    /** Bytes all blobs of {@code plan} take, to check the space before making them. */
    public static long bytesNeeded(Plan plan) {
        return plan.warmupBytes() + plan.pushes().stream().mapToLong(p -> p.bytes() * plan.runs()).sum();
    }

    public BlobFile warmup() {
        return warmup;
    }

    /** The blob of each run of a push row, run 1 first. */
    public List<BlobFile> row(String pushRowId) {
        return byRow.getOrDefault(pushRowId, List.of());
    }

    /** One more random file of {@code bytes}, outside the rows (the openssl reference). */
    public BlobFile extra(String name, long bytes) throws IOException {
        return blob(name, bytes, 0);
    }

    private BlobFile blob(String name, long bytes, long chunkBytes) throws IOException {
        SplittableRandom random = new SplittableRandom(seeds.nextLong());
        MessageDigest sha = sha256();
        List<Path> parts = new ArrayList<>();
        long perPart = chunkBytes > 0 ? chunkBytes : bytes;
        byte[] block = new byte[BLOCK];
        for (long done = 0; done < bytes; ) {
            Path part = chunkBytes > 0 ? dir.resolve(name + ".part-" + String.format("%04d", parts.size()))
                    : dir.resolve(name);
            long partBytes = Math.min(perPart, bytes - done);
            try (FileChannel out = FileChannel.open(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                for (long written = 0; written < partBytes; ) {
                    int n = (int) Math.min(BLOCK, partBytes - written);
                    random.nextBytes(block);
                    sha.update(block, 0, n);
                    ByteBuffer buf = ByteBuffer.wrap(block, 0, n);
                    while (buf.hasRemaining()) {
                        out.write(buf);
                    }
                    written += n;
                }
            }
            parts.add(part);
            done += partBytes;
        }
        return new BlobFile(name, parts, bytes, "sha256:" + HexFormat.of().formatHex(sha.digest()));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
