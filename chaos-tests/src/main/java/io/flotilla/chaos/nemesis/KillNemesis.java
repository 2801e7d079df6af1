package io.flotilla.chaos.nemesis;

import io.flotilla.chaos.db.Db;
import io.flotilla.chaos.history.History;
import java.util.Optional;
import java.util.SplittableRandom;

/** kill -9 of a random node, started again when the fault ends. */
public final class KillNemesis extends ScheduledNemesis {

    public KillNemesis(Schedule schedule) {
        super(schedule);
    }

    @Override
    Optional<Fault> inject(Db db, History history, SplittableRandom rng) {
        String node = pick(db.nodes(), rng);
        Fault.apply(history, "kill", node, () -> db.kill(node));
        return Optional.of(new Fault("start", node, d -> d.start(node)));
    }
}
