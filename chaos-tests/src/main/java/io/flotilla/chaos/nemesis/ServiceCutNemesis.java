package io.flotilla.chaos.nemesis;

import io.flotilla.chaos.db.Db;
import io.flotilla.chaos.history.History;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Cuts one random node off from a backing service ({@code "cassandra"} or {@code "ceph"}) while the others
 * keep it, healed when the fault ends. This is the fault a shared backend sees most in production (one host's
 * route or firewall breaks), and the one where a node that stays in the grid but cannot reach metadata or
 * blobs must fail cleanly instead of answering wrongly. Needs a Db whose nodes have addresses of their own
 * ({@code ContainerDb}); the scenarios using it are refused on the process db.
 */
public final class ServiceCutNemesis extends ScheduledNemesis {

    private final String service;

    public ServiceCutNemesis(Schedule schedule, String service) {
        super(schedule);
        this.service = service;
    }

    @Override
    Optional<Fault> inject(Db db, History history, SplittableRandom rng) {
        String node = pick(db.nodes(), rng);
        // "isolate node2/cassandra": one window per cut in the report; heal (which undoes every cut) closes it.
        String target = node + "/" + service;
        Fault.apply(history, "isolate", target, () -> db.isolateFromServices(node, service));
        return Optional.of(new Fault("heal", target, Db::heal));
    }
}
