package io.flotilla.chaos.nemesis;

import io.flotilla.chaos.db.Db;
import io.flotilla.chaos.history.History;
import java.util.Optional;
import java.util.SplittableRandom;

/** SIGSTOP of a random node (a frozen process: its connections stay open, nothing answers), then SIGCONT. */
public final class PauseNemesis extends ScheduledNemesis {

    public PauseNemesis(Schedule schedule) {
        super(schedule);
    }

    @Override
    Optional<Fault> inject(Db db, History history, SplittableRandom rng) {
        String node = pick(db.nodes(), rng);
        Fault.apply(history, "pause", node, () -> db.pause(node));
        return Optional.of(new Fault("resume", node, d -> d.resume(node)));
    }
}
