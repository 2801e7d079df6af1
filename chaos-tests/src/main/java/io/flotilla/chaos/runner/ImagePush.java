package io.flotilla.chaos.runner;

import io.flotilla.chaos.client.RecordingClient;
import io.flotilla.chaos.generator.SeededContent;
import io.flotilla.chaos.history.Op;
import java.util.List;
import java.util.Set;

/**
 * How a client pushes an image and moves a tag while GC runs: reused layers are uploaded only when a HEAD does
 * not find them, and a manifest PUT refused with 400 MANIFEST_BLOB_UNKNOWN (a blob the registry collected
 * between the client's HEAD or upload and its PUT: a clean refusal, not a lost write) makes the client upload
 * every blob again and PUT once more. Each request is its own operation in the history.
 */
final class ImagePush {

    static final String BLOB_UNKNOWN = "MANIFEST_BLOB_UNKNOWN";

    private final RecordingClient client;
    private final int process;

    ImagePush(RecordingClient client, int process) {
        this.client = client;
        this.process = process;
    }

    /**
     * Uploads what is needed, then PUTs the manifest (by {@code tag}, or by digest when it is null); answers
     * the last PUT, or null when an upload failed and no PUT was sent.
     */
    Op push(String repo, String tag, String digest, byte[] manifest, List<SeededContent> blobs, Set<String> reused) {
        for (SeededContent blob : blobs) {
            if (reused.contains(blob.digest())
                    && client.headBlob(process, repo, blob.digest()).type() == Op.Type.OK) {
                continue;
            }
            if (client.pushBlob(process, repo, blob.bytes()).type() != Op.Type.OK) {
                return null;
            }
        }
        return put(repo, tag, digest, manifest, blobs);
    }

    /** PUTs the manifest; on MANIFEST_BLOB_UNKNOWN uploads every blob again and PUTs once more. */
    Op put(String repo, String tag, String digest, byte[] manifest, List<SeededContent> blobs) {
        Op put = putOnce(repo, tag, digest, manifest);
        if (put.type() != Op.Type.FAIL || put.error() == null || !put.error().contains(BLOB_UNKNOWN)) {
            return put;
        }
        for (SeededContent blob : blobs) {
            if (client.pushBlob(process, repo, blob.bytes()).type() != Op.Type.OK) {
                return put;
            }
        }
        return putOnce(repo, tag, digest, manifest);
    }

    private Op putOnce(String repo, String tag, String digest, byte[] manifest) {
        return tag == null ? client.pushManifest(process, repo, digest, manifest)
                : client.moveTag(process, repo, tag, digest, manifest);
    }
}
