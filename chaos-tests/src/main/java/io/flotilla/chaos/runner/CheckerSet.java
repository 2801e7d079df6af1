package io.flotilla.chaos.runner;

import io.flotilla.chaos.checker.Availability;
import io.flotilla.chaos.checker.Checker;
import io.flotilla.chaos.checker.GcSafety;
import io.flotilla.chaos.checker.LinearizableTags;
import io.flotilla.chaos.checker.NoCorruptReads;
import io.flotilla.chaos.checker.NoLostWrites;
import java.time.Duration;
import java.util.List;

/** The checkers every run applies: what the registry promises, and how available it stayed. */
final class CheckerSet {

    private CheckerSet() {
    }

    static List<Checker> all() {
        return List.of(new NoCorruptReads(), new NoLostWrites(), new LinearizableTags(), new Availability());
    }

    /**
     * The same promises on a cluster whose GC collects within {@code delay}: what is unreferenced for longer may
     * be gone, so the lost-write check excuses it, and {@link GcSafety} checks GC's own rules.
     */
    static List<Checker> underGc(Duration delay) {
        return List.of(new NoCorruptReads(), NoLostWrites.underGc(delay), new LinearizableTags(), new Availability(),
                new GcSafety(delay));
    }
}
