package io.flotilla.node.gc;

import io.flotilla.storage.spi.MetadataStore;

/**
 * Whether garbage collection is paused, cluster-wide and durably: a record every node reads before each poll.
 * A paused cluster still queues reviews; they wait, due, until it resumes.
 */
public final class GcControl {
    private static final String KEY = "cluster";

    /** The stored switch. */
    public record State(boolean paused) {
    }

    private final GcRecords<State> records;
    private volatile boolean paused;

    public GcControl(MetadataStore store) {
        this.records = new GcRecords<>(store, "gc_control", State.class);
    }

    /** Reads the switch from the store. */
    public boolean refresh() {
        paused = records.get(KEY).map(State::paused).orElse(false);
        return paused;
    }

    /** What the last read found, without asking the store: for gauges. */
    public boolean pausedAsLastSeen() {
        return paused;
    }

    public void pause(boolean pause) {
        records.put(KEY, new State(pause));
        paused = pause;
    }
}
