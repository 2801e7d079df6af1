package io.flotilla.chaos.runner;

import io.flotilla.chaos.nemesis.Nemesis;
import java.util.function.Supplier;

/**
 * A named chaos test: which faults, how many nodes by default, what workload. Names are what operators type
 * ({@code ./flotilla chaos --scenario NAME}), so they stay stable.
 */
public record Scenario(String name, String summary, Supplier<Nemesis> nemesis, int defaultNodes,
                       RunSettings settings) {
}
