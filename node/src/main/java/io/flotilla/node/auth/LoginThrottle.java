package io.flotilla.node.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

import io.flotilla.node.auth.FailureCounters.Failures;

/**
 * Backs off failed password logins, so that a CI job looping on a stale password cannot walk an LDAP/AD
 * account into its lockout, and guessing costs time, while one typo never delays the next, right attempt.
 * The caller asks {@link #check} before checking a password; on a non-zero wait it answers 429 with
 * {@code Retry-After} (rounded up to whole seconds) and does not check the password, so a waiting
 * attempt neither reaches the directory nor counts as a failure. After a check it reports
 * {@link #failed} or {@link #succeeded}.
 *
 * <p>Three keys, each answering a different attack; an attempt waits for the longest of their waits:
 * <ul>
 *   <li><b>account</b> (the user name, case-insensitive as AD's are): caps how often anyone, from any
 *       number of addresses, may try one account. This is what keeps AD's lockout counter below its
 *       threshold, so {@code perAccount.freeFailures} must stay below that threshold. A success clears it.</li>
 *   <li><b>account at a source</b>: the same policy for one address. Its use is that it outlives the
 *       account's reset: when the real user logs in from their laptop, the job still looping from a
 *       runner, or an attacker, stays slowed. A success from that source clears it.</li>
 *   <li><b>source</b>: against credential stuffing and password spraying, which try many accounts a few
 *       times each, so no account key ever fills. It counts distinct accounts failing from the source
 *       (a failure whose account-at-source key was empty), not failures, so one job looping on one
 *       account behind a CI fleet's NAT does not block the rest of the fleet. A success does not clear it:
 *       a stuffing list holds some valid pairs. Its default allowance is larger for the same NAT reason.</li>
 * </ul>
 * Sources are whatever address string the caller passes; for IPv6 the caller should pass the /64, which
 * one client usually owns whole.
 *
 * <p>Node-local and in memory for now: at most {@code maxTrackedKeys} keys, the quietest evicted first,
 * all under one lock (logins are rare next to pulls). A later cluster-wide store can apply the same
 * {@link ThrottlePolicy} to shared counters.
 */
public final class LoginThrottle {

    /** Longer names are keyed by their first 256 characters, so hostile names cannot inflate memory. */
    static final int MAX_KEY_PART = 256;

    /**
     * @param perAccount     for the account and account-at-source keys
     * @param perSource      for the source key, in distinct failing accounts
     * @param maxTrackedKeys memory bound; each failure may add three keys
     */
    public record Settings(ThrottlePolicy perAccount, ThrottlePolicy perSource, int maxTrackedKeys) {

        public static final Settings DEFAULT = new Settings(ThrottlePolicy.DEFAULT,
                new ThrottlePolicy(20, Duration.ofSeconds(1), Duration.ofMinutes(5), Duration.ofMinutes(15)), 100_000);

        public Settings {
            Objects.requireNonNull(perAccount, "perAccount");
            Objects.requireNonNull(perSource, "perSource");
            if (maxTrackedKeys < 3) {
                throw new IllegalArgumentException("maxTrackedKeys must hold at least one failure's three keys");
            }
        }
    }

    private final Settings settings;
    private final Clock clock;
    private final FailureCounters counters;
    private final Duration longestQuiet;

    public LoginThrottle(Settings settings, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.counters = new FailureCounters(settings.maxTrackedKeys());
        Duration a = settings.perAccount().quietPeriod();
        Duration s = settings.perSource().quietPeriod();
        this.longestQuiet = a.compareTo(s) >= 0 ? a : s;
    }

    /** Zero if an attempt by {@code user} from {@code source} may proceed now, else how long it must wait. */
    public synchronized Duration check(String user, String source) {
        Keys keys = Keys.of(user, source);
        Instant now = clock.instant();
        Duration wait = waitFor(keys.account(), settings.perAccount(), now);
        wait = longer(wait, waitFor(keys.accountAtSource(), settings.perAccount(), now));
        return longer(wait, waitFor(keys.source(), settings.perSource(), now));
    }

    /** Reports a password that was checked and was wrong. */
    public synchronized void failed(String user, String source) {
        Keys keys = Keys.of(user, source);
        Instant now = clock.instant();
        counters.forgetUpTo(now.minus(longestQuiet));
        boolean newAccountAtSource = liveCount(keys.accountAtSource(), settings.perAccount(), now) == 0;
        bump(keys.account(), settings.perAccount(), now);
        bump(keys.accountAtSource(), settings.perAccount(), now);
        if (newAccountAtSource) {
            bump(keys.source(), settings.perSource(), now);
        }
    }

    /** Reports a right password: clears the account and this source's count for it, not the source's own. */
    public synchronized void succeeded(String user, String source) {
        Keys keys = Keys.of(user, source);
        counters.remove(keys.account());
        counters.remove(keys.accountAtSource());
    }

    synchronized int trackedKeys() {
        return counters.size();
    }

    private Duration waitFor(String key, ThrottlePolicy policy, Instant now) {
        Failures failures = counters.get(key);
        return failures == null ? Duration.ZERO : policy.wait(failures.count(), failures.last(), now);
    }

    private int liveCount(String key, ThrottlePolicy policy, Instant now) {
        Failures failures = counters.get(key);
        return failures == null || policy.forgotten(failures.last(), now) ? 0 : failures.count();
    }

    private void bump(String key, ThrottlePolicy policy, Instant now) {
        int count = liveCount(key, policy, now);
        counters.put(key, new Failures(count == Integer.MAX_VALUE ? count : count + 1, now));
    }

    private static Duration longer(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    /** The three keys of one attempt. NUL separates parts: it cannot occur in a source address. */
    private record Keys(String account, String accountAtSource, String source) {

        static Keys of(String user, String source) {
            String account = part(Objects.requireNonNull(user, "user").toLowerCase(Locale.ROOT));
            String from = part(Objects.requireNonNull(source, "source"));
            return new Keys("a\0" + account, "p\0" + from + '\0' + account, "s\0" + from);
        }

        private static String part(String value) {
            return value.length() > MAX_KEY_PART ? value.substring(0, MAX_KEY_PART) : value;
        }
    }
}
