package io.flotilla.chaos.nemesis;

import java.time.Duration;
import java.util.SplittableRandom;

/**
 * When faults happen: a quiet gap drawn from [gapMin, gapMax], then a fault lasting [lengthMin, lengthMax],
 * repeated. The default (10-15 s quiet, 3-6 s fault) leaves the cluster time to recover between faults, so a
 * 60 s run sees about four of them.
 */
public record Schedule(Duration gapMin, Duration gapMax, Duration lengthMin, Duration lengthMax) {

    public static final Schedule DEFAULT = new Schedule(Duration.ofSeconds(10), Duration.ofSeconds(15),
            Duration.ofSeconds(3), Duration.ofSeconds(6));

    public Duration nextGap(SplittableRandom rng) {
        return between(gapMin, gapMax, rng);
    }

    public Duration nextLength(SplittableRandom rng) {
        return between(lengthMin, lengthMax, rng);
    }

    private static Duration between(Duration min, Duration max, SplittableRandom rng) {
        long span = max.toMillis() - min.toMillis();
        return min.plusMillis(span <= 0 ? 0 : rng.nextLong(span + 1));
    }
}
