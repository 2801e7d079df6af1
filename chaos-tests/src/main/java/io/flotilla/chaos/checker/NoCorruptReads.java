package io.flotilla.chaos.checker;

import io.flotilla.chaos.history.History;
import io.flotilla.chaos.history.Op;
import io.flotilla.chaos.history.Operation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Content addressing means a read by digest can only be right or wrong, never stale: every OK pull-digest must
 * have received bytes that hash to the digest it asked for. Failed and unknown reads say nothing.
 */
public final class NoCorruptReads implements Checker {

    @Override
    public String name() {
        return "no-corrupt-reads";
    }

    @Override
    public Verdict check(History history) {
        List<String> evidence = new ArrayList<>();
        int reads = 0;
        for (Operation op : history.operations()) {
            if (!op.f().equals("pull-digest") || !op.is(Op.Type.OK)) {
                continue;
            }
            reads++;
            if (!op.key().equals(op.received())) {
                evidence.add("asked for " + op.key() + ", received bytes hashing to " + op.received() + ": "
                        + op.describe());
            }
        }
        return new Verdict(name(), evidence.isEmpty(), evidence, Map.of("reads", reads, "corrupt", evidence.size()));
    }
}
