package io.flotilla.node.auth;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LoginThrottleTest {

    private static final String RUNNER = "10.0.0.7";
    private static final String LAPTOP = "192.0.2.44";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final LoginThrottle throttle = new LoginThrottle(LoginThrottle.Settings.DEFAULT, clock);

    @Test
    void theFirstFiveFailuresAreFreeAndTheSixthAttemptWaits() {
        failTimes("alice", RUNNER, 5);
        assertEquals(Duration.ofSeconds(1), throttle.check("alice", RUNNER));
        clock.advance(Duration.ofMillis(999));
        assertEquals(Duration.ofMillis(1), throttle.check("alice", RUNNER));
        clock.advance(Duration.ofMillis(1));
        assertEquals(Duration.ZERO, throttle.check("alice", RUNNER));
    }

    /** A CI job looping on a stale password, retrying the moment it is let through. */
    @Test
    void aLoopingClientWaitsTwiceAsLongEachTimeUpToFiveMinutes() {
        List<Duration> waits = new ArrayList<>();
        for (int attempt = 1; attempt <= 17; attempt++) {
            Duration wait = throttle.check("ci-bot", RUNNER);
            waits.add(wait);
            clock.advance(wait);
            assertEquals(Duration.ZERO, throttle.check("ci-bot", RUNNER));
            throttle.failed("ci-bot", RUNNER);
        }
        List<Long> seconds = waits.stream().map(Duration::toSeconds).toList();
        assertEquals(List.of(0L, 0L, 0L, 0L, 0L, 1L, 2L, 4L, 8L, 16L, 32L, 64L, 128L, 256L, 300L, 300L, 300L), seconds);
    }

    @Test
    void oneTypoDoesNotDelayTheRightPassword() {
        throttle.failed("alice", LAPTOP);
        assertEquals(Duration.ZERO, throttle.check("alice", LAPTOP));
        throttle.succeeded("alice", LAPTOP);
        failTimes("alice", LAPTOP, 4); // the typo no longer counts: with it these would be five
        assertEquals(Duration.ZERO, throttle.check("alice", LAPTOP));
    }

    @Test
    void aSuccessResetsTheAccount() {
        failTimes("alice", LAPTOP, 7);
        clock.advance(throttle.check("alice", LAPTOP));
        throttle.succeeded("alice", LAPTOP);
        failTimes("alice", LAPTOP, 4);
        assertEquals(Duration.ZERO, throttle.check("alice", LAPTOP));
        failTimes("alice", LAPTOP, 1);
        assertEquals(Duration.ofSeconds(1), throttle.check("alice", LAPTOP)); // counting from zero, not from seven
    }

    /** What protects AD's lockout counter: a fleet of runners cannot multiply the allowance. */
    @Test
    void theAccountIsThrottledAcrossSources() {
        for (int runner = 1; runner <= 5; runner++) {
            throttle.failed("ci-bot", "10.0.0." + runner);
        }
        assertEquals(Duration.ofSeconds(1), throttle.check("ci-bot", "10.0.0.99"));
        assertEquals(Duration.ofSeconds(1), throttle.check("CI-Bot", "10.0.0.99")); // names ignore case
    }

    @Test
    void theRealUsersSuccessElsewhereLeavesTheLoopingSourceSlowed() {
        failTimes("alice", RUNNER, 8);
        clock.advance(Duration.ofSeconds(1));
        assertEquals(Duration.ofSeconds(7), throttle.check("alice", LAPTOP)); // the account key
        clock.advance(Duration.ofSeconds(7));
        throttle.succeeded("alice", LAPTOP);

        assertEquals(Duration.ZERO, throttle.check("alice", LAPTOP));
        throttle.failed("alice", RUNNER); // the job tries again the moment it may
        assertEquals(Duration.ofSeconds(16), throttle.check("alice", RUNNER));
        assertEquals(Duration.ZERO, throttle.check("alice", LAPTOP));
    }

    /** Credential stuffing: many accounts, one try each, from one address. */
    @Test
    void manyAccountsFailingFromOneSourceMeetTheSourceBackoff() {
        String attacker = "203.0.113.9";
        for (int i = 0; i < 20; i++) {
            assertEquals(Duration.ZERO, throttle.check("user" + i, attacker));
            throttle.failed("user" + i, attacker);
        }
        assertEquals(Duration.ofSeconds(1), throttle.check("user20", attacker));
        throttle.succeeded("user3", attacker); // some pairs on a stuffing list are valid
        assertEquals(Duration.ofSeconds(1), throttle.check("user20", attacker));
        assertEquals(Duration.ZERO, throttle.check("user20", LAPTOP)); // other sources are not involved
        for (int i = 21; i < 25; i++) {
            clock.advance(throttle.check("user" + i, attacker));
            throttle.failed("user" + i, attacker);
        }
        assertEquals(Duration.ofSeconds(16), throttle.check("user99", attacker));
    }

    /** A fleet behind one NAT: one job looping on one account must not block the others. */
    @Test
    void oneLoopingAccountDoesNotBlockOtherAccountsFromItsSource() {
        for (int i = 0; i < 40; i++) {
            clock.advance(throttle.check("ci-bot", RUNNER));
            throttle.failed("ci-bot", RUNNER);
        }
        assertTrue(throttle.check("ci-bot", RUNNER).compareTo(Duration.ofMinutes(4)) > 0);
        assertEquals(Duration.ZERO, throttle.check("deploy-bot", RUNNER));
    }

    @Test
    void aQuietPeriodForgetsFailures() {
        failTimes("alice", RUNNER, 10);
        clock.advance(Duration.ofMinutes(15).minusSeconds(1));
        assertEquals(Duration.ZERO, throttle.check("alice", RUNNER)); // the 32 s wait is long over
        failTimes("alice", RUNNER, 1);
        assertEquals(Duration.ofSeconds(64), throttle.check("alice", RUNNER)); // but not yet forgotten

        clock.advance(Duration.ofMinutes(15));
        failTimes("alice", RUNNER, 4);
        assertEquals(Duration.ZERO, throttle.check("alice", RUNNER)); // forgotten: counting from zero
    }

    @Test
    void forgottenKeysAreDroppedNotJustIgnored() {
        throttle.failed("alice", RUNNER);
        clock.advance(Duration.ofMinutes(1));
        throttle.failed("bob", LAPTOP);
        assertEquals(6, throttle.trackedKeys());

        clock.advance(Duration.ofMinutes(14));
        throttle.failed("carol", "198.51.100.1"); // alice's keys, quiet exactly 15 min, go; bob's stay
        assertEquals(6, throttle.trackedKeys());
        clock.advance(Duration.ofMinutes(1));
        throttle.failed("carol", "198.51.100.1");
        assertEquals(3, throttle.trackedKeys());
    }

    @Test
    void memoryIsBoundedAndTheQuietestKeysGoFirst() {
        LoginThrottle small = new LoginThrottle(
                new LoginThrottle.Settings(ThrottlePolicy.DEFAULT, ThrottlePolicy.DEFAULT, 30), clock);
        for (int i = 0; i < 1_000; i++) {
            small.failed("user" + i, "198.51.100." + (i % 250) + "/" + i);
            clock.advance(Duration.ofMillis(1));
        }
        assertEquals(30, small.trackedKeys());

        for (int i = 0; i < 6; i++) {
            small.failed("alice", LAPTOP); // the newest keys survive the flood they evict
        }
        assertEquals(Duration.ofSeconds(2), small.check("alice", LAPTOP));
        assertEquals(30, small.trackedKeys());
    }

    @Test
    void hostileNamesAreKeyedByABoundedPrefix() {
        String huge = "x".repeat(100_000);
        failTimes(huge, huge, 5);
        assertEquals(Duration.ofSeconds(1), throttle.check(huge + "y", huge));
    }

    @Test
    void concurrentFailuresAreAllCounted() throws Exception {
        LoginThrottle shared = new LoginThrottle(LoginThrottle.Settings.DEFAULT, Clock.systemUTC());
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            threads.add(Thread.ofPlatform().start(() -> {
                for (int i = 0; i < 2_000; i++) {
                    shared.failed("user" + (i % 50), "src" + i);
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        // Each account saw 160 failures: far past the cap, so it waits nearly the full five minutes.
        assertTrue(shared.check("user7", "elsewhere").compareTo(Duration.ofMinutes(4)) > 0);
        assertEquals(50 + 2_000 + 2_000, shared.trackedKeys()); // accounts, account-at-source pairs, sources
    }

    private void failTimes(String user, String source, int times) {
        for (int i = 0; i < times; i++) {
            throttle.failed(user, source);
        }
    }
}
