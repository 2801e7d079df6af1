package io.flotilla.chaos.runner;

import io.flotilla.chaos.nemesis.Nemesis;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A named chaos test: which faults, how many nodes by default, what workload, and what its faults need of the
 * db. Names are what operators type ({@code ./flotilla chaos --scenario NAME}), so they stay stable.
 */
public record Scenario(String name, String summary, Supplier<Nemesis> nemesis, int defaultNodes,
                       RunSettings settings, Set<Need> needs) {

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

    /** A scenario whose faults are between nodes only: any db runs it. */
    public Scenario(String name, String summary, Supplier<Nemesis> nemesis, int defaultNodes, RunSettings settings) {
        this(name, summary, nemesis, defaultNodes, settings, Set.of());
    }

    /** True when only the container db can run it. */
    public boolean containerOnly() {
        return !needs.isEmpty();
    }
}
