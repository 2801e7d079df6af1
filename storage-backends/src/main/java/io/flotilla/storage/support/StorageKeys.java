package io.flotilla.storage.support;

import io.flotilla.model.Digest;
import io.flotilla.model.Names;

import java.util.regex.Pattern;

/**
 * The blob store's key layout (see {@link io.flotilla.storage.spi.BlobStore}) and the one place that
 * decides whether a key or upload id is safe. Backends and the validating decorator both call it, so a
 * key that passes here cannot name anything outside a backend's root on any backend.
 */
public final class StorageKeys {
    public static final String BLOBS = "blobs";
    public static final String UPLOADS = "uploads";

    static final int MAX_KEY_LENGTH = 1024;
    private static final Pattern KEY_CHARS = Pattern.compile("[A-Za-z0-9._/-]+");
    private static final Pattern UPLOAD_ID = Pattern.compile("[A-Za-z0-9-]{1,64}");

    private StorageKeys() {
    }

    /** The key {@code put} stores a blob under: {@code blobs/<algorithm>/<hex>}. */
    public static String blobKey(Digest digest) {
        return BLOBS + "/" + digest.algorithm().prefix() + "/" + digest.hex();
    }

    /** The key of one staged piece: {@code uploads/<uploadId>/<pieceId>}, the piece id being one segment. */
    public static String pieceKey(String uploadId, String pieceId) {
        if (pieceId == null || pieceId.indexOf('/') >= 0) {
            throw new IllegalArgumentException("invalid piece id: " + Names.printable(pieceId));
        }
        return checkKey(uploadPrefix(uploadId) + pieceId);
    }

    /** The prefix, ending in '/', under which every piece of an upload lives. */
    public static String uploadPrefix(String uploadId) {
        return UPLOADS + "/" + checkUploadId(uploadId) + "/";
    }

    /** Returns {@code uploadId} if it matches {@code [A-Za-z0-9-]{1,64}}, else throws IllegalArgumentException. */
    public static String checkUploadId(String uploadId) {
        if (uploadId == null || !UPLOAD_ID.matcher(uploadId).matches()) {
            throw new IllegalArgumentException("invalid upload id: " + Names.printable(uploadId));
        }
        return uploadId;
    }

    /**
     * Returns {@code key} if it is a relative path of non-empty segments made of {@code [A-Za-z0-9._-]},
     * none of them "." or "..", else throws IllegalArgumentException.
     */
    public static String checkKey(String key) {
        if (key == null || key.length() > MAX_KEY_LENGTH || !KEY_CHARS.matcher(key).matches()) {
            throw new IllegalArgumentException("invalid storage key: " + Names.printable(key));
        }
        for (String segment : key.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                throw new IllegalArgumentException("invalid storage key: " + Names.printable(key));
            }
        }
        return key;
    }
}
