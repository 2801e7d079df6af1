package io.flotilla.chaos.runner;

import io.flotilla.chaos.nemesis.Nemesis;
import java.util.function.Supplier;

/**
 * A named chaos test: which faults, how many nodes by default, what workload, and whether its faults cut
 * nodes from services (only a db whose nodes have addresses of their own can: the container db). Names are
 * what operators type ({@code ./flotilla chaos --scenario NAME}), so they stay stable.
 */
public record Scenario(String name, String summary, Supplier<Nemesis> nemesis, int defaultNodes,
                       RunSettings settings, boolean cutsServices) {

    /** A scenario whose faults are between nodes only: any db runs it. */
    public Scenario(String name, String summary, Supplier<Nemesis> nemesis, int defaultNodes, RunSettings settings) {
        this(name, summary, nemesis, defaultNodes, settings, false);
    }
}
