package io.flotilla.chaos.nemesis;

import io.flotilla.chaos.db.Db;
import io.flotilla.chaos.history.History;
import java.time.Duration;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * One random node made slow: the balancer's traffic with it is held for a delay drawn per fault from
 * [min, max] (whole milliseconds) in each direction; healed when the fault ends. A slow node is alive and
 * answers correctly, only late: the balancer's health checks, client timeouts and retries decide what
 * happens, and a write that times out may still apply. Needs the container db with its delaying proxies.
 */
public final class SlowNodeNemesis extends ScheduledNemesis {

    private final Duration min;
    private final Duration max;

    public SlowNodeNemesis(Schedule schedule, Duration min, Duration max) {
        super(schedule);
        if (min.isNegative() || min.compareTo(max) > 0) {
            throw new IllegalArgumentException("delay range " + min + ".." + max);
        }
        this.min = min;
        this.max = max;
    }

    @Override
    Optional<Fault> inject(Db db, History history, SplittableRandom rng) {
        String node = pick(db.nodes(), rng);
        Duration delay = delay(rng);
        // "node2+350ms": the delay each way.
        String target = node + "+" + delay.toMillis() + "ms";
        Fault.apply(history, "slow", target, () -> db.slow(node, delay));
        return Optional.of(new Fault("heal", target, Db::heal));
    }

    Duration delay(SplittableRandom rng) {
        return min.plusMillis(rng.nextLong(max.toMillis() - min.toMillis() + 1));
    }
}
