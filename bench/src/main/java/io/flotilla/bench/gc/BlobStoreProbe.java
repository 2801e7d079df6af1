package io.flotilla.bench.gc;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Looks into the cluster's blob store itself, past the nodes, to confirm that collected blobs' bytes are gone,
 * through the Ceph CLIs as client.admin, so it needs no credentials of the nodes' own. The store's keys cannot be
 * derived from a digest (a monolithic upload's bytes stay where they were staged, under {@code uploads/}), so a
 * probe counts what the cluster's bucket or namespace holds and, where it can, recognises blobs by content.
 */
public interface BlobStoreProbe {

    /** What is looked into, for the report. */
    String describe();

    /** Objects holding blob bytes in the cluster's bucket or namespace now, if it can tell. */
    OptionalLong objects();

    /** Up to {@code n} names of objects still there, for a failure message. */
    List<String> examples(int n);

    /**
     * Positions in {@code contents} of the blobs whose bytes the store still holds, or empty when this probe
     * cannot tell (no content fingerprint in its listing, or a listing too long to read cheaply).
     */
    Optional<List<Integer>> holding(List<byte[]> contents);

    /** For a backend with no probe (fs): nothing to say. */
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
            public List<String> examples(int n) {
                return List.of();
            }

            @Override
            public Optional<List<Integer>> holding(List<byte[]> contents) {
                return Optional.empty();
            }
        };
    }
}
