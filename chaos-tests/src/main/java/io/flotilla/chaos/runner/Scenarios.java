package io.flotilla.chaos.runner;

import io.flotilla.chaos.nemesis.ComposedNemesis;
import io.flotilla.chaos.nemesis.KillNemesis;
import io.flotilla.chaos.nemesis.NoNemesis;
import io.flotilla.chaos.nemesis.PartitionNemesis;
import io.flotilla.chaos.nemesis.PauseNemesis;
import io.flotilla.chaos.nemesis.RestartNemesis;
import io.flotilla.chaos.nemesis.Schedule;
import io.flotilla.chaos.nemesis.ServiceCutNemesis;
import java.util.List;
import java.util.Optional;

/** The registry of scenarios, in the order {@code --list} prints them. */
public final class Scenarios {

    private static final Schedule S = Schedule.DEFAULT;

    private static final List<Scenario> ALL = List.of(
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
                    () -> new ServiceCutNemesis(S, "cassandra"), 3, RunSettings.DEFAULT, true),
            new Scenario("partition-ceph", "one node cut from Ceph (RGW) for 3-6 s every 10-15 s (container db)",
                    () -> new ServiceCutNemesis(S, "ceph"), 3, RunSettings.DEFAULT, true));

    private Scenarios() {
    }

    public static List<Scenario> all() {
        return ALL;
    }

    public static Optional<Scenario> named(String name) {
        return ALL.stream().filter(s -> s.name().equals(name)).findFirst();
    }
}
