package io.flotilla.chaos.nemesis;

import io.flotilla.chaos.db.Db;
import io.flotilla.chaos.history.History;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * A one-way cut between two random nodes: {@code to} no longer receives from {@code from}, while {@code from}
 * still receives from {@code to}; healed when the fault ends. Group membership built on heartbeats can
 * disagree here (one side sees the other alive, the other does not), which a symmetric partition never shows.
 * Needs a Db whose nodes have addresses of their own (the container db).
 */
public final class OneWayCutNemesis extends ScheduledNemesis {

    public OneWayCutNemesis(Schedule schedule) {
        super(schedule);
    }

    @Override
    Optional<Fault> inject(Db db, History history, SplittableRandom rng) {
        List<String> pair = pair(db.nodes(), rng);
        String from = pair.get(0);
        String to = pair.get(1);
        // "node1>node2": node1's packets no longer reach node2.
        String target = from + ">" + to;
        Fault.apply(history, "cut-one-way", target, () -> db.cutOneWay(from, to));
        return Optional.of(new Fault("heal", target, Db::heal));
    }

    /** Two different nodes, in order: the sender whose packets are dropped, then the receiver. */
    static List<String> pair(List<String> nodes, SplittableRandom rng) {
        if (nodes.size() < 2) {
            throw new IllegalArgumentException("a one-way cut needs two nodes, not " + nodes);
        }
        int from = rng.nextInt(nodes.size());
        int to = (from + 1 + rng.nextInt(nodes.size() - 1)) % nodes.size();
        return List.of(nodes.get(from), nodes.get(to));
    }
}
