package io.flotilla.chaos.checker;

import io.flotilla.chaos.history.History;

/** Judges a history. MINIMAL stand-in from the runner's worktree; the checkers' worktree owns it. */
public interface Checker {

    String name();

    Verdict check(History history);
}
