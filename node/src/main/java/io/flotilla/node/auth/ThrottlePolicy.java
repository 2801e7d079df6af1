package io.flotilla.node.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * How long failed logins make the next attempt wait, as a pure function of one key's failure count, the
 * time of its last failure and now: no storage, so a shared store can later apply the same policy.
 *
 * <p>The first {@code freeFailures} attempts never wait. After {@code f >= freeFailures} failures the next
 * attempt waits {@code min(base * 2^(f - freeFailures), max)} from the last failure; with the defaults the
 * sixth attempt waits 1 s, the seventh 2 s, and from the fifteenth on 5 min. A key quiet for
 * {@code quietPeriod} is forgotten and starts again at zero.
 */
public record ThrottlePolicy(int freeFailures, Duration base, Duration max, Duration quietPeriod) {

    public static final ThrottlePolicy DEFAULT =
            new ThrottlePolicy(5, Duration.ofSeconds(1), Duration.ofMinutes(5), Duration.ofMinutes(15));

    public ThrottlePolicy {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(max, "max");
        Objects.requireNonNull(quietPeriod, "quietPeriod");
        if (freeFailures < 1) {
            throw new IllegalArgumentException("freeFailures must be at least 1, or one typo would block the next try");
        }
        if (base.isNegative() || base.isZero() || max.compareTo(base) < 0) {
            throw new IllegalArgumentException("need 0 < base <= max, got base " + base + ", max " + max);
        }
        if (quietPeriod.isNegative() || quietPeriod.isZero()) {
            throw new IllegalArgumentException("quietPeriod must be positive");
        }
    }

    /** The delay {@code failures} failures impose after the last of them. */
    public Duration delay(int failures) {
        if (failures < freeFailures) {
            return Duration.ZERO;
        }
        int doublings = failures - freeFailures;
        // Past 2^40 times any sane base the cap has long applied; stopping there keeps the product in range.
        if (doublings >= 40 || base.toNanos() > max.toNanos() >> doublings) {
            return max;
        }
        return base.multipliedBy(1L << doublings);
    }

    /** How long from {@code now} until the next attempt may proceed; zero if it may now. */
    public Duration wait(int failures, Instant lastFailure, Instant now) {
        if (failures == 0 || forgotten(lastFailure, now)) {
            return Duration.ZERO;
        }
        Duration remaining = Duration.between(now, lastFailure.plus(delay(failures)));
        return remaining.isNegative() ? Duration.ZERO : remaining;
    }

    /** Whether a key whose last failure was at {@code lastFailure} has been quiet long enough to reset. */
    public boolean forgotten(Instant lastFailure, Instant now) {
        return !now.isBefore(lastFailure.plus(quietPeriod));
    }
}
