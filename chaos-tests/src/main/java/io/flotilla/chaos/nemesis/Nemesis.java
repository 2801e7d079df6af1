package io.flotilla.chaos.nemesis;

import io.flotilla.chaos.db.Db;
import io.flotilla.chaos.history.History;
import java.util.SplittableRandom;

/**
 * Jepsen's "nemesis": injects faults into a {@link Db} on a schedule of its own, recording each fault in the
 * history as process {@link io.flotilla.chaos.history.Op#NEMESIS}: an INVOKE as it starts to apply, an INFO
 * once applied (with the error if it could not be).
 */
public interface Nemesis {

    /** Starts injecting in the background; every choice comes from {@code random}. */
    void start(Db db, History history, SplittableRandom random);

    /** Stops injecting and undoes the fault in place, if any (the final heal); returns once it is undone. */
    void stop();
}
