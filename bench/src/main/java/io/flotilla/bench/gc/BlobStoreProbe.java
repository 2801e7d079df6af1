package io.flotilla.bench.gc;

import java.util.List;
import java.util.OptionalLong;

/**
 * Looks into the cluster's blob store itself, past the nodes, to confirm that collected blobs' bytes are
 * gone: through the Ceph CLIs as client.admin, so it needs no credentials of the nodes' own.
 */
public interface BlobStoreProbe {

    /** What is looked into, for the report. */
    String describe();

    /** Objects the store holds for this cluster now, if it can tell cheaply. */
    OptionalLong objects();

    /** Those of {@code digests} whose blob object ({@code blobs/<alg>/<hex>}) still exists. */
    List<String> present(List<String> digests);

    /** The object key the blob stores give a digest (StorageKeys.blobKey). */
    static String blobKey(String digest) {
        int colon = digest.indexOf(':');
        return "blobs/" + digest.substring(0, colon) + "/" + digest.substring(colon + 1);
    }

    /** For a backend with no probe (fs): nothing to say, nothing found. */
    static BlobStoreProbe none(String backend) {
        return new BlobStoreProbe() {
            @Override
            public String describe() {
                return backend + " (not probed)";
            }

            @Override
            public OptionalLong objects() {
                return OptionalLong.empty();
            }

            @Override
            public List<String> present(List<String> digests) {
                return List.of();
            }
        };
    }
}
