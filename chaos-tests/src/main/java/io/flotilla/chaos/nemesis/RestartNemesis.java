package io.flotilla.chaos.nemesis;

import io.flotilla.chaos.db.Db;
import io.flotilla.chaos.db.GracefulStop;
import io.flotilla.chaos.history.History;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * A graceful restart of a random node: SIGTERM (it drains and leaves), started again when the fault ends.
 * Only for a Db that offers {@link GracefulStop}; on another it injects nothing and says so once.
 */
public final class RestartNemesis extends ScheduledNemesis {

    private boolean warned;

    public RestartNemesis(Schedule schedule) {
        super(schedule);
    }

    @Override
    Optional<Fault> inject(Db db, History history, SplittableRandom rng) {
        String node = pick(db.nodes(), rng);
        if (!(db instanceof GracefulStop graceful)) {
            if (!warned) {
                System.err.println("nemesis: " + db.getClass().getSimpleName() + " cannot stop a node gracefully;"
                        + " restart faults skipped");
                warned = true;
            }
            return Optional.empty();
        }
        Fault.apply(history, "stop", node, () -> graceful.stop(node));
        return Optional.of(new Fault("start", node, d -> d.start(node)));
    }
}
