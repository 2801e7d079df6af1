package io.flotilla.chaos.nemesis;

import io.flotilla.chaos.db.Db;
import io.flotilla.chaos.history.History;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.Collectors;

/**
 * A grid partition: half the time one node alone against the rest, else a random split into two halves
 * (the smaller side a minority, which must not act alone); healed when the fault ends.
 */
public final class PartitionNemesis extends ScheduledNemesis {

    public PartitionNemesis(Schedule schedule) {
        super(schedule);
    }

    @Override
    Optional<Fault> inject(Db db, History history, SplittableRandom rng) {
        List<List<String>> sides = sides(db.nodes(), rng);
        String target = describe(sides);
        Fault.apply(history, "partition", target, () -> db.partition(sides));
        return Optional.of(new Fault("heal", target, Db::heal));
    }

    /** Two non-empty sides covering {@code nodes}; the first is never the larger. */
    static List<List<String>> sides(List<String> nodes, SplittableRandom rng) {
        List<String> shuffled = new ArrayList<>(nodes);
        for (int i = shuffled.size() - 1; i > 0; i--) {
            java.util.Collections.swap(shuffled, i, rng.nextInt(i + 1));
        }
        int small = rng.nextBoolean() ? 1 : shuffled.size() / 2;
        List<String> left = shuffled.subList(0, Math.max(1, small)).stream().sorted().toList();
        List<String> right = shuffled.subList(Math.max(1, small), shuffled.size()).stream().sorted().toList();
        return List.of(left, right);
    }

    /** "node1|node2,node3": sides separated by '|', nodes by ','. */
    static String describe(List<List<String>> sides) {
        return sides.stream().map(s -> String.join(",", s)).collect(Collectors.joining("|"));
    }
}
