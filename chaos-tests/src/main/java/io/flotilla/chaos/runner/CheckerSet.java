package io.flotilla.chaos.runner;

import io.flotilla.chaos.checker.Checker;
import java.util.ArrayList;
import java.util.List;

/**
 * The checkers a run applies, found by class name in {@code io.flotilla.chaos.checker} and made with their
 * no-argument constructor. By name, not by import, because they are written in parallel with the runner: a
 * checker that is not on the classpath yet is reported as missing (and the run says so), not a build break.
 */
final class CheckerSet {

    static final List<String> NAMES = List.of("NoCorruptReads", "NoLostWrites", "LinearizableTags", "Availability");

    private CheckerSet() {
    }

    record Found(List<Checker> checkers, List<String> missing) {
    }

    static Found load() {
        List<Checker> checkers = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (String name : NAMES) {
            try {
                Class<?> type = Class.forName("io.flotilla.chaos.checker." + name);
                checkers.add((Checker) type.getDeclaredConstructor().newInstance());
            } catch (ReflectiveOperationException | ClassCastException e) {
                missing.add(name + " (" + e.getClass().getSimpleName() + ")");
            }
        }
        return new Found(checkers, missing);
    }
}
