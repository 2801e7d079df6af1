package io.flotilla.chaos.nemesis;

import io.flotilla.chaos.db.Db;
import io.flotilla.chaos.history.History;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Several kinds of fault on one schedule, taken in turn: the first part's fault in the first cycle, the second's
 * in the next, and so on around. Unlike {@link ComposedNemesis}'s random pick, a short run whose node restarts are
 * slow (two or three cycles) still meets every kind. The targets are still drawn from the seed.
 */
public final class AlternatingNemesis extends ScheduledNemesis {

    private final List<ScheduledNemesis> parts;
    private int cycle;

    public AlternatingNemesis(Schedule schedule, List<ScheduledNemesis> parts) {
        super(schedule);
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("an alternating nemesis needs at least one part");
        }
        this.parts = List.copyOf(parts);
    }

    @Override
    Optional<Fault> inject(Db db, History history, SplittableRandom rng) {
        // Only the nemesis thread calls this, one cycle after another.
        return parts.get(cycle++ % parts.size()).inject(db, history, rng);
    }
}
