package io.flotilla.storage.s3;

import io.flotilla.storage.support.Batches;
import software.amazon.awssdk.core.sync.RequestBody;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Holds one part of an upload between the caller's stream and S3, which needs each part's length before
 * its first byte and may ask for the bytes again on a retry. The first {@code memoryLimit} bytes stay on
 * the heap, in chunks that grow from 64 KiB to 1 MiB, so a manifest never costs a large buffer; past that
 * the whole part moves to a temp file, so a write never holds more than {@code memoryLimit} of heap.
 * Nothing here is durable: a part is acknowledged only once S3 has it.
 */
final class PartSpool implements AutoCloseable {
    private static final int FIRST_CHUNK = 64 * 1024;
    static final String FILE_PREFIX = "flotilla-s3-part-";

    private final int memoryLimit;
    private final Path spoolDir;
    /** Heap chunks, all full but the last; used until the first spill. */
    private final List<byte[]> chunks = new ArrayList<>();
    private int lastChunkFill;
    private long size;
    /** Once a part has spilled, later parts (of the same, large, stream) go to the file from their start. */
    private Path file;
    private FileChannel channel;
    private byte[] batch;

    PartSpool(int memoryLimit, Path spoolDir) {
        this.memoryLimit = memoryLimit;
        this.spoolDir = spoolDir;
    }

    /**
     * Appends bytes from {@code in} until the part holds {@code limit} bytes or the stream ends; feeds each
     * byte to {@code digest} when it is not null. Returns how many bytes this call added.
     */
    long fill(InputStream in, long limit, MessageDigest digest) throws IOException {
        long start = size;
        while (size < limit) {
            int n = channel == null && size < memoryLimit
                    ? fillMemory(in, (int) Math.min(limit - size, memoryLimit - size), digest)
                    : fillFile(in, limit, digest);
            if (n == 0) {
                break; // readNBytes returns 0 only at the end of the stream
            }
        }
        return size - start;
    }

    long size() {
        return size;
    }

    /** The part as a request body that can be read again for a retry. */
    RequestBody body() {
        return RequestBody.fromContentProvider(this::newStream, size, "application/octet-stream");
    }

    /** Empties the part for the next one, keeping its file. */
    void reset() throws IOException {
        size = 0;
        lastChunkFill = 0;
        chunks.clear();
        if (channel != null) {
            channel.truncate(0);
            channel.position(0);
        }
    }

    @Override
    public void close() throws IOException {
        chunks.clear();
        if (channel != null) {
            channel.close();
            channel = null;
        }
        if (file != null) {
            Files.deleteIfExists(file);
            file = null;
        }
    }

    /** Reads at most {@code want} bytes, at most one chunk's worth, onto the heap. */
    private int fillMemory(InputStream in, int want, MessageDigest digest) throws IOException {
        byte[] chunk = chunks.isEmpty() ? null : chunks.get(chunks.size() - 1);
        if (chunk == null || lastChunkFill == chunk.length) {
            chunk = new byte[chunks.isEmpty() ? FIRST_CHUNK : Batches.SIZE];
            chunks.add(chunk);
            lastChunkFill = 0;
        }
        int n = in.readNBytes(chunk, lastChunkFill, Math.min(chunk.length - lastChunkFill, want));
        if (digest != null) {
            digest.update(chunk, lastChunkFill, n);
        }
        lastChunkFill += n;
        size += n;
        return n;
    }

    /** Reads up to one batch into the temp file, first moving there what the heap holds. */
    private int fillFile(InputStream in, long limit, MessageDigest digest) throws IOException {
        if (channel == null) {
            file = Files.createTempFile(spoolDir, FILE_PREFIX, ".tmp");
            channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
            batch = new byte[Batches.SIZE];
            for (int i = 0; i < chunks.size(); i++) {
                byte[] chunk = chunks.get(i);
                writeFully(chunk, i == chunks.size() - 1 ? lastChunkFill : chunk.length);
            }
            chunks.clear();
            lastChunkFill = 0;
        }
        int n = in.readNBytes(batch, 0, (int) Math.min(batch.length, limit - size));
        if (digest != null) {
            digest.update(batch, 0, n);
        }
        writeFully(batch, n);
        size += n;
        return n;
    }

    private void writeFully(byte[] bytes, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(bytes, 0, length);
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    /**
     * Deletes spool files in {@code dir} untouched since {@code before}: the leftovers of a process that died
     * mid-write. A live spool file is written or read every few seconds at most, so an hour-old one is dead.
     */
    static void sweep(Path dir, Instant before) throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, FILE_PREFIX + "*.tmp")) {
            for (Path f : files) {
                try {
                    if (Files.getLastModifiedTime(f).toInstant().isBefore(before)) {
                        Files.deleteIfExists(f);
                    }
                } catch (NoSuchFileException e) {
                    // its writer finished meanwhile
                }
            }
        }
    }

    private InputStream newStream() {
        if (channel != null) {
            try {
                return new BufferedInputStream(Files.newInputStream(file), Batches.SIZE);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        List<InputStream> parts = new ArrayList<>();
        for (int i = 0; i < chunks.size(); i++) {
            byte[] chunk = chunks.get(i);
            parts.add(new ByteArrayInputStream(chunk, 0, i == chunks.size() - 1 ? lastChunkFill : chunk.length));
        }
        return new SequenceInputStream(Collections.enumeration(parts));
    }
}
