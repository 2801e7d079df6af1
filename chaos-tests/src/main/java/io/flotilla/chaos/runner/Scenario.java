package io.flotilla.chaos.runner;

import io.flotilla.chaos.nemesis.Nemesis;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A named chaos test: which faults, how many nodes by default, what workload, and what its faults need of the
 * db. Names are what operators type ({@code ./flotilla chaos --scenario NAME}), so they stay stable.
 *
 * @param pinnedSeed a regression scenario's seed: the run that once found a bug, kept and re-run as it was
 * @param workload   what the clients do, the nodes' settings for it, and the checkers that judge it
 */
public record Scenario(String name, String summary, Supplier<Nemesis> nemesis, int defaultNodes,
                       RunSettings settings, Set<Need> needs, OptionalLong pinnedSeed, Workload workload) {

    /** What a scenario's faults need beyond the shared Db operations. */
    public enum Need {
        /**
         * Nodes with network addresses of their own (cuts from a service, one-way cuts, packet loss): only the
         * container db; on the process db every such fault would fail and the run would inject nothing.
         */
        OWN_ADDRESSES,
        /** A delaying proxy between the balancer and each node (slow nodes): the container db, asked for it. */
        DELAY_PROXIES,
        /** Nodes started under libfaketime, so one node's wall clock can be shifted (clock skew). */
        FAKE_CLOCKS
    }

    public Scenario {
        needs = Set.copyOf(needs);
    }

    public Scenario(String name, String summary, Supplier<Nemesis> nemesis, int defaultNodes, RunSettings settings,
                    Set<Need> needs) {
        this(name, summary, nemesis, defaultNodes, settings, needs, OptionalLong.empty(), RegistryWorkload.INSTANCE);
    }

    /** A scenario with a workload of its own, whose faults are between nodes only. */
    public Scenario(String name, String summary, Supplier<Nemesis> nemesis, int defaultNodes, RunSettings settings,
                    Workload workload) {
        this(name, summary, nemesis, defaultNodes, settings, Set.of(), OptionalLong.empty(), workload);
    }

    /** A scenario whose faults are between nodes only: any db runs it. */
    public Scenario(String name, String summary, Supplier<Nemesis> nemesis, int defaultNodes, RunSettings settings) {
        this(name, summary, nemesis, defaultNodes, settings, Set.of());
    }

    /** This scenario under another name, always with {@code seed}: a regression named after the bug it found. */
    public Scenario regression(String regressionName, String bug, long seed) {
        return new Scenario(regressionName, "regression (" + name + ", seed " + seed + "): " + bug, nemesis,
                defaultNodes, settings, needs, OptionalLong.of(seed), workload);
    }

    /** The seed a run uses: a regression's own, else the one asked for. */
    public long seed(long asked) {
        return pinnedSeed.orElse(asked);
    }

    /** True when only the container db can run it. */
    public boolean containerOnly() {
        return !needs.isEmpty();
    }
}
