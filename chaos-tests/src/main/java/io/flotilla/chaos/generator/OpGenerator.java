package io.flotilla.chaos.generator;

import java.util.SplittableRandom;

/**
 * Jepsen's "generator": a process's next operation, chosen only from the process's own random stream and what
 * it has written (its {@link ProcessState}), so the same seed and the same outcomes give the same operations.
 */
public interface OpGenerator {

    Plan next(ProcessState state, SplittableRandom rng);
}
