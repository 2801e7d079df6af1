package io.flotilla.storage.fs;

import io.flotilla.model.DigestAlgorithm;
import io.flotilla.storage.support.StorageKeys;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * Where each key lives under the root directory. The whole on-disk layout:
 * <pre>
 *   blobs/&lt;alg&gt;/&lt;hex[0..2]&gt;/&lt;hex&gt;   key blobs/&lt;alg&gt;/&lt;hex&gt;; sharded so no directory holds millions of files
 *   uploads/&lt;uploadId&gt;/&lt;pieceId&gt;     key uploads/&lt;uploadId&gt;/&lt;pieceId&gt;
 *   tmp/                             put() streams here, then renames into blobs/; no key reaches it
 * </pre>
 * A well-formed key of any other shape names nothing on this backend, which keeps keys from aliasing
 * each other (blobs/a/bc/x is not blobs/a/x) or reaching temp files.
 */
final class FsLayout {
    private final Path root;
    private final Path blobs;
    private final Path uploads;
    private final Path tmp;

    FsLayout(Path root) {
        this.root = root.toAbsolutePath().normalize();
        this.blobs = this.root.resolve(StorageKeys.BLOBS);
        this.uploads = this.root.resolve(StorageKeys.UPLOADS);
        this.tmp = this.root.resolve("tmp");
    }

    /** Creates the fixed directories and makes their entries durable, so later syncs can stop one level up. */
    void create() throws IOException {
        Files.createDirectories(root);
        for (Path dir : new Path[] {blobs, uploads, tmp}) {
            Files.createDirectories(dir);
        }
        for (DigestAlgorithm algorithm : DigestAlgorithm.values()) {
            Files.createDirectories(blobs.resolve(algorithm.prefix()));
            syncDirectory(blobs.resolve(algorithm.prefix()));
        }
        syncDirectory(blobs);
        syncDirectory(root);
    }

    Path uploads() {
        return uploads;
    }

    Path tmp() {
        return tmp;
    }

    Path uploadDir(String uploadId) {
        return uploads.resolve(StorageKeys.checkUploadId(uploadId));
    }

    /** The file of {@code key}, or empty when the key is well formed but outside the layout. */
    Optional<Path> path(String key) {
        String[] s = StorageKeys.checkKey(key).split("/");
        if (s.length != 3) {
            return Optional.empty();
        }
        if (s[0].equals(StorageKeys.BLOBS) && s[2].length() >= 2) {
            return Optional.of(blobs.resolve(s[1]).resolve(s[2].substring(0, 2)).resolve(s[2]));
        }
        if (s[0].equals(StorageKeys.UPLOADS) && isUploadId(s[1])) {
            return Optional.of(uploads.resolve(s[1]).resolve(s[2]));
        }
        return Optional.empty();
    }

    static boolean isUploadId(String name) {
        try {
            StorageKeys.checkUploadId(name);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** fsync on a directory: makes the entries created, renamed or removed in it durable. */
    static void syncDirectory(Path dir) throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }
}
