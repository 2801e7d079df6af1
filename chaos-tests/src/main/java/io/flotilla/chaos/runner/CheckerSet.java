package io.flotilla.chaos.runner;

import io.flotilla.chaos.checker.Availability;
import io.flotilla.chaos.checker.Checker;
import io.flotilla.chaos.checker.LinearizableTags;
import io.flotilla.chaos.checker.NoCorruptReads;
import io.flotilla.chaos.checker.NoLostWrites;
import java.util.List;

/** The checkers every run applies: what the registry promises, and how available it stayed. */
final class CheckerSet {

    private CheckerSet() {
    }

    static List<Checker> all() {
        return List.of(new NoCorruptReads(), new NoLostWrites(), new LinearizableTags(), new Availability());
    }
}
