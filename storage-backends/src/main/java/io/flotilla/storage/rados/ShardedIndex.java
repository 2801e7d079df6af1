package io.flotilla.storage.rados;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * A durable set of entries in the omaps of {@link #SHARDS} objects {@code <name>.<shard>}. RADOS lists
 * objects only by scanning a whole pool, so whatever must be found again later (an upload's pieces, data
 * that may have lost its head) is recorded here. Entries of one group share a shard, so a group is listed
 * with one prefix query; spreading groups over shards keeps one object from serialising every writer.
 */
final class ShardedIndex {
    static final int SHARDS = 16;

    private final RadosIo io;
    private final String name;

    ShardedIndex(RadosIo io, String name) {
        this.io = io;
        this.name = name;
    }

    /** The shard object holding {@code group}'s entries (String.hashCode is the same on every JVM). */
    String shard(String group) {
        return name + "." + Integer.toHexString(Math.floorMod(group.hashCode(), SHARDS));
    }

    void put(String group, String key, String value) throws IOException {
        io.omapSet(shard(group), Map.of(key, value));
    }

    void remove(String group, Collection<String> keys) throws IOException {
        io.omapRemove(shard(group), keys);
    }

    /** The group's entries whose keys start with {@code keyPrefix}. */
    List<Map.Entry<String, String>> list(String group, String keyPrefix) throws IOException {
        return io.omapList(shard(group), keyPrefix);
    }

    /** Every entry of every shard. */
    List<Map.Entry<String, String>> listAll() throws IOException {
        List<Map.Entry<String, String>> all = new ArrayList<>();
        for (int shard = 0; shard < SHARDS; shard++) {
            all.addAll(io.omapList(name + "." + Integer.toHexString(shard), ""));
        }
        return all;
    }
}
