package io.flotilla.chaos.nemesis;

import io.flotilla.chaos.db.Db;
import io.flotilla.chaos.history.History;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Random loss of the packets arriving at one random node, at a rate drawn per fault from [minRate, maxRate]
 * (whole percents); healed when the fault ends. Unlike a cut, most packets pass: TCP retransmits, so requests
 * slow down and time out rather than fail, and heartbeats go missing now and then. Needs the container db.
 */
public final class PacketLossNemesis extends ScheduledNemesis {

    private final int minPercent;
    private final int maxPercent;

    public PacketLossNemesis(Schedule schedule, int minPercent, int maxPercent) {
        super(schedule);
        if (minPercent < 1 || maxPercent > 100 || minPercent > maxPercent) {
            throw new IllegalArgumentException("loss between 1 and 100 %, min <= max: " + minPercent + ".." + maxPercent);
        }
        this.minPercent = minPercent;
        this.maxPercent = maxPercent;
    }

    @Override
    Optional<Fault> inject(Db db, History history, SplittableRandom rng) {
        String node = pick(db.nodes(), rng);
        int percent = percent(rng);
        // "node2/25%": one window per fault, closed by the heal of the same target.
        String target = node + "/" + percent + "%";
        Fault.apply(history, "lose", target, () -> db.loseIncoming(node, percent / 100.0));
        return Optional.of(new Fault("heal", target, Db::heal));
    }

    int percent(SplittableRandom rng) {
        return minPercent + rng.nextInt(maxPercent - minPercent + 1);
    }
}
