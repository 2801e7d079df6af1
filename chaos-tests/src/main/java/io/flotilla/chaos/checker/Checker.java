package io.flotilla.chaos.checker;

import io.flotilla.chaos.history.History;

/** Judges a complete history. Implementations keep no state between calls. */
public interface Checker {

    /** The checker's key in verdict.json. */
    String name();

    Verdict check(History history);
}
