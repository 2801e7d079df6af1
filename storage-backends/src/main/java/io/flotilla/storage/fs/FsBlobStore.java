package io.flotilla.storage.fs;

import io.flotilla.model.Digest;
import io.flotilla.storage.spi.BlobStore;
import io.flotilla.storage.spi.DigestMismatchException;
import io.flotilla.storage.spi.NoSuchObjectException;
import io.flotilla.storage.spi.Piece;
import io.flotilla.storage.support.Batches;
import io.flotilla.storage.support.PieceIds;
import io.flotilla.storage.support.StorageKeys;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * A blob store on a local (or shared POSIX) directory; see {@link FsLayout} for the layout.
 *
 * <p>Durability: file data is forced with fdatasync before a call returns, and every directory whose
 * entries a call changed is fsynced, together with its parent, because a directory entry created
 * concurrently by another call may not be durable yet when this call finds it present.
 */
public final class FsBlobStore implements BlobStore {
    /** Temp files older than this at startup are leftovers of a crash; younger ones may be another node's. */
    private static final Duration TEMP_GRACE = Duration.ofHours(1);

    private final FsLayout layout;

    public FsBlobStore(Path root) throws IOException {
        this.layout = new FsLayout(root);
        layout.create();
        sweepTemp(Instant.now().minus(TEMP_GRACE));
    }

    @Override
    public Piece put(Digest digest, InputStream content) throws IOException {
        String key = StorageKeys.blobKey(digest);
        Path target = layout.path(key).orElseThrow();
        MessageDigest md = digest.algorithm().newMessageDigest();
        if (Files.isRegularFile(target)) {
            // Already stored: verify the caller's bytes but keep the copy we have.
            long size = Batches.pump(content, (batch, n) -> md.update(batch, 0, n));
            verify(digest, md);
            return new Piece(key, size);
        }
        // Our own name rather than createTempFile, which would leave the blob readable by its owner only.
        Path temp = Files.createFile(layout.tmp().resolve("put-" + PieceIds.next()));
        try {
            long size;
            try (FileChannel out = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                SyncingWriter writer = new SyncingWriter(out);
                size = Batches.pump(content, (batch, n) -> {
                    md.update(batch, 0, n);
                    writer.write(batch, n);
                });
                writer.finish();
            }
            verify(digest, md);
            Path shard = target.getParent();
            Files.createDirectories(shard);
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            syncWithParent(shard);
            return new Piece(key, size);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    @Override
    public Piece stage(String uploadId, InputStream content) throws IOException {
        Path dir = layout.uploadDir(uploadId);
        Files.createDirectories(dir);
        String key = StorageKeys.pieceKey(uploadId, PieceIds.next());
        Path file = layout.path(key).orElseThrow();
        // No temp and rename: the key is handed out only after the write returns, so a torn piece is never
        // referenced, and abortStaging or cleanup removes it with the rest of the upload's directory.
        FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        boolean done = false;
        try (out) {
            SyncingWriter writer = new SyncingWriter(out);
            long size = Batches.pump(content, writer::write);
            writer.finish();
            syncWithParent(dir);
            done = true;
            return new Piece(key, size);
        } finally {
            if (!done) {
                Files.deleteIfExists(file);
            }
        }
    }

    @Override
    public InputStream open(Piece piece, long offset, long length) throws IOException {
        if (offset < 0 || length < 0) {
            throw new IllegalArgumentException("negative offset or length: " + offset + "+" + length);
        }
        Path file = layout.path(piece.key()).orElseThrow(() -> new NoSuchObjectException(piece.key()));
        try {
            return new FileRangeInputStream(FileChannel.open(file, StandardOpenOption.READ), piece.key(), offset, length);
        } catch (NoSuchFileException e) {
            throw new NoSuchObjectException(piece.key());
        }
    }

    @Override
    public OptionalLong stat(String key) throws IOException {
        Optional<Path> file = layout.path(key);
        if (file.isEmpty()) {
            return OptionalLong.empty();
        }
        try {
            BasicFileAttributes attributes = Files.readAttributes(file.get(), BasicFileAttributes.class);
            return attributes.isRegularFile() ? OptionalLong.of(attributes.size()) : OptionalLong.empty();
        } catch (NoSuchFileException e) {
            return OptionalLong.empty();
        }
    }

    @Override
    public void delete(Collection<String> keys) throws IOException {
        Set<Path> touched = new LinkedHashSet<>();
        for (String key : keys) {
            Optional<Path> file = layout.path(key);
            if (file.isPresent() && Files.deleteIfExists(file.get())) {
                touched.add(file.get().getParent());
            }
        }
        for (Path dir : touched) {
            FsLayout.syncDirectory(dir);
        }
    }

    @Override
    public void abortStaging(String uploadId) throws IOException {
        Path dir = layout.uploadDir(uploadId);
        for (int attempt = 0; Files.isDirectory(dir); attempt++) {
            try (DirectoryStream<Path> pieces = Files.newDirectoryStream(dir)) {
                for (Path piece : pieces) {
                    Files.deleteIfExists(piece);
                }
                Files.deleteIfExists(dir);
            } catch (NoSuchFileException e) {
                break; // a concurrent abort got there first
            } catch (DirectoryNotEmptyException e) {
                if (attempt >= 3) {
                    throw e; // a stage keeps racing the abort: the caller's bug, not ours to hide
                }
            }
        }
        FsLayout.syncDirectory(layout.uploads());
    }

    @Override
    public List<String> stagedUploadsOlderThan(Instant cutoff) throws IOException {
        List<String> old = new ArrayList<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(layout.uploads())) {
            for (Path dir : dirs) {
                String id = dir.getFileName().toString();
                if (FsLayout.isUploadId(id)) {
                    newestWrite(dir).filter(t -> t.isBefore(cutoff)).ifPresent(t -> old.add(id));
                }
            }
        }
        old.sort(null);
        return old;
    }

    @Override
    public void close() {
        // Nothing is held open between calls.
    }

    /**
     * The latest modification of an upload directory or any piece in it (a piece being written keeps
     * moving its mtime), or empty if the directory vanished meanwhile.
     */
    private static Optional<Instant> newestWrite(Path dir) throws IOException {
        try (DirectoryStream<Path> pieces = Files.newDirectoryStream(dir)) {
            Instant newest = Files.getLastModifiedTime(dir).toInstant();
            for (Path piece : pieces) {
                try {
                    Instant t = Files.getLastModifiedTime(piece).toInstant();
                    newest = t.isAfter(newest) ? t : newest;
                } catch (NoSuchFileException e) {
                    // removed while we looked; the directory's own mtime covers it
                }
            }
            return Optional.of(newest);
        } catch (NoSuchFileException | java.nio.file.NotDirectoryException e) {
            return Optional.empty();
        }
    }

    private void sweepTemp(Instant before) throws IOException {
        try (DirectoryStream<Path> temps = Files.newDirectoryStream(layout.tmp())) {
            for (Path temp : temps) {
                try {
                    if (Files.getLastModifiedTime(temp).toInstant().isBefore(before)) {
                        Files.deleteIfExists(temp);
                    }
                } catch (NoSuchFileException e) {
                    // its writer finished or gave up meanwhile
                }
            }
        }
    }

    private static void verify(Digest expected, MessageDigest md) throws DigestMismatchException {
        Digest actual = Digest.of(expected.algorithm(), md);
        if (!actual.equals(expected)) {
            throw new DigestMismatchException(expected, actual);
        }
    }

    private static void syncWithParent(Path dir) throws IOException {
        FsLayout.syncDirectory(dir);
        FsLayout.syncDirectory(dir.getParent());
    }
}
