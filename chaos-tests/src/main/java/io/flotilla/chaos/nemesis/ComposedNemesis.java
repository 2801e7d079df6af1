package io.flotilla.chaos.nemesis;

import io.flotilla.chaos.db.Db;
import io.flotilla.chaos.history.History;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Several kinds of fault on one schedule: each cycle injects one of its parts' faults, chosen at random.
 * One fault at a time keeps every fault window attributable to one cause (and a paused node is never killed).
 */
public final class ComposedNemesis extends ScheduledNemesis {

    private final List<ScheduledNemesis> parts;

    public ComposedNemesis(Schedule schedule, List<ScheduledNemesis> parts) {
        super(schedule);
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("a composed nemesis needs at least one part");
        }
        this.parts = List.copyOf(parts);
    }

    @Override
    Optional<Fault> inject(Db db, History history, SplittableRandom rng) {
        return parts.get(rng.nextInt(parts.size())).inject(db, history, rng);
    }
}
