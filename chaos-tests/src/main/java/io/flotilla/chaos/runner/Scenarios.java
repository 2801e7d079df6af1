package io.flotilla.chaos.runner;

import io.flotilla.chaos.nemesis.AlternatingNemesis;
import io.flotilla.chaos.nemesis.ClockSkewNemesis;
import io.flotilla.chaos.nemesis.ComposedNemesis;
import io.flotilla.chaos.nemesis.KillNemesis;
import io.flotilla.chaos.nemesis.NoNemesis;
import io.flotilla.chaos.nemesis.OneWayCutNemesis;
import io.flotilla.chaos.nemesis.PacketLossNemesis;
import io.flotilla.chaos.nemesis.PartitionNemesis;
import io.flotilla.chaos.nemesis.PauseNemesis;
import io.flotilla.chaos.nemesis.RestartNemesis;
import io.flotilla.chaos.nemesis.Schedule;
import io.flotilla.chaos.nemesis.ServiceCutNemesis;
import io.flotilla.chaos.nemesis.SlowNodeNemesis;
import io.flotilla.chaos.runner.Scenario.Need;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The registry of scenarios, in the order {@code --list} prints them. */
public final class Scenarios {

    private static final Schedule S = Schedule.DEFAULT;
    private static final Set<Need> OWN_ADDRESSES = Set.of(Need.OWN_ADDRESSES);

    private static final List<Scenario> SCENARIOS = List.of(
            new Scenario("none", "no faults: the baseline", NoNemesis::new, 3, RunSettings.DEFAULT),
            new Scenario("kill", "kill -9 of a random node every 10-15 s, started again 3-6 s later",
                    () -> new KillNemesis(S), 3, RunSettings.DEFAULT),
            new Scenario("pause", "SIGSTOP of a random node for 3-6 s every 10-15 s",
                    () -> new PauseNemesis(S), 3, RunSettings.DEFAULT),
            new Scenario("partition", "grid partition (one node alone, or halves) for 3-6 s every 10-15 s",
                    () -> new PartitionNemesis(S), 3, RunSettings.DEFAULT),
            new Scenario("restart", "graceful stop (SIGTERM) of a random node, started again 3-6 s later",
                    () -> new RestartNemesis(S), 3, RunSettings.DEFAULT),
            new Scenario("kill-pause-partition", "one of kill, pause or partition each cycle",
                    () -> new ComposedNemesis(S, List.of(new KillNemesis(S), new PauseNemesis(S),
                            new PartitionNemesis(S))), 3, RunSettings.DEFAULT),
            new Scenario("partition-cassandra", "one node cut from Cassandra for 3-6 s every 10-15 s (container db)",
                    () -> new ServiceCutNemesis(S, "cassandra"), 3, RunSettings.DEFAULT, OWN_ADDRESSES),
            new Scenario("partition-ceph", "one node cut from Ceph (RGW) for 3-6 s every 10-15 s (container db)",
                    () -> new ServiceCutNemesis(S, "ceph"), 3, RunSettings.DEFAULT, OWN_ADDRESSES),
            new Scenario("partition-one-way", "one node stops receiving from another (not the reverse) for 3-6 s"
                    + " every 10-15 s (container db)",
                    () -> new OneWayCutNemesis(S), 3, RunSettings.DEFAULT, OWN_ADDRESSES),
            new Scenario("packet-loss", "20-30 % of the packets arriving at one node dropped for 3-6 s every 10-15 s"
                    + " (container db)",
                    () -> new PacketLossNemesis(S, 20, 30), 3, RunSettings.DEFAULT, OWN_ADDRESSES),
            new Scenario("slow-node", "the balancer's traffic with one node delayed 200-500 ms each way for 3-6 s"
                    + " every 10-15 s (container db)",
                    () -> new SlowNodeNemesis(S, Duration.ofMillis(200), Duration.ofMillis(500)), 3,
                    RunSettings.DEFAULT, Set.of(Need.DELAY_PROXIES)),
            new Scenario("gc", "garbage collection within seconds (delay 4 s, grace 1 s, untagged manifests deleted)"
                    + " under image pushes that reuse layers, tag moves and deletes; a partition, then a kill, in turn",
                    () -> new AlternatingNemesis(S, List.of(new PartitionNemesis(S), new KillNemesis(S))), 3,
                    RunSettings.GC, new GcWorkload(GcSettings.FAST)),
            new Scenario("clock-skew", "one node's wall clock 5-60 s ahead or behind for 3-6 s every 10-15 s"
                    + " (container db, libfaketime)",
                    () -> new ClockSkewNemesis(S, Duration.ofSeconds(5), Duration.ofSeconds(60)), 3,
                    RunSettings.DEFAULT, Set.of(Need.FAKE_CLOCKS)));

    /** Runs that found bugs, kept with their seeds and re-run, so the bugs stay fixed. */
    private static final List<Scenario> REGRESSIONS = List.of(
            scenario("kill").regression("regression-final-read-after-repush",
                    "a manifest deleted and pushed again was never read back at the end, so it was called lost", 7));

    private static final List<Scenario> ALL = concat(SCENARIOS, REGRESSIONS);

    private Scenarios() {
    }

    public static List<Scenario> all() {
        return ALL;
    }

    public static List<Scenario> regressions() {
        return REGRESSIONS;
    }

    private static List<Scenario> concat(List<Scenario> a, List<Scenario> b) {
        List<Scenario> all = new ArrayList<>(a);
        all.addAll(b);
        return List.copyOf(all);
    }

    public static Optional<Scenario> named(String name) {
        return ALL.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** One of the plain scenarios, for the regressions built on them (ALL is not there yet when they are). */
    private static Scenario scenario(String name) {
        return SCENARIOS.stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }
}
