package io.flotilla.chaos.workload;

/**
 * What an {@link ImageWorkload} does: how many clients, which layer sizes, and how they are pushed.
 *
 * @param repo       the repository every client pushes to
 * @param clients    concurrent clients, one thread each
 * @param minLayer   smallest layer, in bytes (at least 1)
 * @param maxLayer   largest layer, in bytes
 * @param chunk      PATCH size; 0, or at least a layer's size, pushes that layer in one POST and PUT
 * @param sharedTags whether clients share tags in pairs; then a tag read may name any manifest sent to the tag,
 *                   else it must name the one its only client last moved it to
 * @param seed       seeds layer sizes and contents; the same settings give the same blobs
 */
public record WorkloadSettings(String repo, int clients, long minLayer, long maxLayer, long chunk,
                               boolean sharedTags, long seed) {

    public WorkloadSettings {
        if (clients < 1) {
            throw new IllegalArgumentException("at least one client, not " + clients);
        }
        if (minLayer < 1 || maxLayer < minLayer) {
            throw new IllegalArgumentException("layer sizes " + minLayer + ".." + maxLayer);
        }
        if (chunk < 0) {
            throw new IllegalArgumentException("chunk " + chunk);
        }
    }

    /** Whether a layer of {@code size} bytes goes in one POST and PUT rather than in PATCHes. */
    public boolean monolithic(long size) {
        return chunk == 0 || chunk >= size;
    }

    /** The tag client {@code id} moves: its own, or the one it shares with every other client of its parity. */
    public String tag(int id) {
        return sharedTags ? "shared" + (id % 2) : "client" + id;
    }
}
