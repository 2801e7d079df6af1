package io.flotilla.chaos.checker;

import io.flotilla.chaos.history.History;
import io.flotilla.chaos.history.Op;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Every OK pull-digest received exactly the bytes its digest names (value equals key).
 *
 * <p>Stand-in from the runner's worktree so an end-to-end run has a real verdict; the checkers' worktree owns it.
 */
public final class NoCorruptReads implements Checker {

    @Override
    public String name() {
        return "NoCorruptReads";
    }

    @Override
    public Verdict check(History history) {
        List<String> evidence = new ArrayList<>();
        int reads = 0;
        for (Op op : history.ops()) {
            if (op.type() == Op.Type.OK && "pull-digest".equals(op.f())) {
                reads++;
                if (!op.key().equals(op.value())) {
                    evidence.add("op " + op.index() + " (process " + op.process() + "): asked " + op.key()
                            + ", received bytes hashing to " + op.value());
                }
            }
        }
        return new Verdict(name(), evidence.isEmpty(), evidence, Map.of("okReads", reads, "corrupt", evidence.size()));
    }
}
