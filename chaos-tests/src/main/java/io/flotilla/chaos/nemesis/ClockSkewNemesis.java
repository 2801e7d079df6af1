package io.flotilla.chaos.nemesis;

import io.flotilla.chaos.db.Db;
import io.flotilla.chaos.history.History;
import java.time.Duration;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * One random node's wall clock shifted forward or back by [min, max] whole seconds (sign and size drawn per
 * fault); set true again when the fault ends. Anything that orders writes by wall-clock time (timestamps on
 * writes, expiries, leases) can go wrong on that node while the others are right. Needs the container db
 * with nodes started under libfaketime.
 */
public final class ClockSkewNemesis extends ScheduledNemesis {

    private final Duration min;
    private final Duration max;

    public ClockSkewNemesis(Schedule schedule, Duration min, Duration max) {
        super(schedule);
        if (min.toSeconds() < 1 || min.compareTo(max) > 0) {
            throw new IllegalArgumentException("skew range " + min + ".." + max + " (at least 1 s)");
        }
        this.min = min;
        this.max = max;
    }

    @Override
    Optional<Fault> inject(Db db, History history, SplittableRandom rng) {
        String node = pick(db.nodes(), rng);
        Duration offset = offset(rng);
        // "node2-45s" or "node2+45s".
        String target = node + (offset.isNegative() ? "" : "+") + offset.toSeconds() + "s";
        Fault.apply(history, "skew", target, () -> db.skewClock(node, offset));
        return Optional.of(new Fault("heal", target, Db::heal));
    }

    Duration offset(SplittableRandom rng) {
        long seconds = min.toSeconds() + rng.nextLong(max.toSeconds() - min.toSeconds() + 1);
        return Duration.ofSeconds(rng.nextBoolean() ? seconds : -seconds);
    }
}
