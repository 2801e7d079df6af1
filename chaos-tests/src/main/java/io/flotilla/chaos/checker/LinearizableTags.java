package io.flotilla.chaos.checker;

import io.flotilla.chaos.history.History;
import io.flotilla.chaos.history.Op;
import io.flotilla.chaos.history.Operation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Tags must behave as linearizable registers: each "repo:tag" key is a register that starts empty, move-tag
 * writes a manifest digest to it and pull-tag reads it (null for 404 MANIFEST_UNKNOWN). Every operation must
 * appear to take effect at one instant between its invoke and its completion, in an order consistent with the
 * values the reads saw.
 *
 * <ul>
 *   <li>move-tag OK took effect; FAIL did not and is left out; INFO (or no completion) may take effect at any
 *       time after its invoke, or never.
 *   <li>pull-tag OK is a read; FAIL and INFO reads observed nothing and are left out.
 * </ul>
 *
 * <p>Keys are independent registers, so each is searched on its own ({@link LinearizationSearch}), which keeps
 * the search small. The search is bounded: a key with more than {@code maxOpsPerKey} operations, or whose search
 * explores more than {@code maxStatesPerKey} configurations, is "unknown": listed in the stats with the reason,
 * and not counted against validity, since no violation was found.
 */
public final class LinearizableTags implements Checker {

    public static final int DEFAULT_MAX_OPS_PER_KEY = 20_000;
    public static final int DEFAULT_MAX_STATES_PER_KEY = 1_000_000;

    private final int maxOpsPerKey;
    private final int maxStatesPerKey;

    public LinearizableTags() {
        this(DEFAULT_MAX_OPS_PER_KEY, DEFAULT_MAX_STATES_PER_KEY);
    }

    public LinearizableTags(int maxOpsPerKey, int maxStatesPerKey) {
        this.maxOpsPerKey = maxOpsPerKey;
        this.maxStatesPerKey = maxStatesPerKey;
    }

    @Override
    public String name() {
        return "linearizable-tags";
    }

    @Override
    public Verdict check(History history) {
        List<String> evidence = new ArrayList<>();
        List<String> invalidKeys = new ArrayList<>();
        Map<String, String> unknown = new LinkedHashMap<>();
        int ops = 0;
        long states = 0;
        Map<String, List<Operation>> byKey = registerOperations(history);
        for (Map.Entry<String, List<Operation>> e : byKey.entrySet()) {
            String key = e.getKey();
            ops += e.getValue().size();
            if (e.getValue().size() > maxOpsPerKey) {
                unknown.put(key, e.getValue().size() + " operations, more than the " + maxOpsPerKey + " allowed");
                continue;
            }
            LinearizationSearch.Outcome outcome =
                    new LinearizationSearch(toRegister(e.getValue()), maxStatesPerKey).run();
            states += outcome.statesExplored();
            switch (outcome.result()) {
                case LINEARIZABLE -> { }
                case UNKNOWN -> unknown.put(key, outcome.reason());
                case NOT_LINEARIZABLE -> {
                    invalidKeys.add(key);
                    evidence.addAll(explain(key, e.getValue().size(), outcome));
                }
            }
        }
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("keys", byKey.size());
        stats.put("operations", ops);
        stats.put("states-explored", states);
        stats.put("invalid-keys", invalidKeys);
        stats.put("unknown-keys", unknown);
        return new Verdict(name(), invalidKeys.isEmpty(), evidence, stats);
    }

    /** Per key, in key order, the operations that say something about the register. */
    private static Map<String, List<Operation>> registerOperations(History history) {
        Map<String, List<Operation>> byKey = new TreeMap<>();
        for (Operation op : history.operations()) {
            boolean write = op.f().equals("move-tag") && !op.is(Op.Type.FAIL);
            boolean read = op.f().equals("pull-tag") && op.is(Op.Type.OK);
            if (write || read) {
                byKey.computeIfAbsent(op.key(), k -> new ArrayList<>()).add(op);
            }
        }
        return byKey;
    }

    private static List<RegisterOp> toRegister(List<Operation> ops) {
        Map<String, Integer> ids = new HashMap<>();
        List<RegisterOp> register = new ArrayList<>(ops.size());
        for (Operation op : ops) {
            boolean write = op.f().equals("move-tag");
            String value = write ? op.sent() : op.received();
            int valueId = value == null ? 0 : ids.computeIfAbsent(value, v -> ids.size() + 1);
            long returnAt = write && !op.is(Op.Type.OK) ? Long.MAX_VALUE : op.completeIndex();
            register.add(new RegisterOp(register.size(), op, write, valueId, op.invoke().index(), returnAt));
        }
        return register;
    }

    private static List<String> explain(String key, int ops, LinearizationSearch.Outcome outcome) {
        List<String> lines = new ArrayList<>();
        String held = outcome.lastTaken().isEmpty() ? "nothing" : valueAfter(outcome.lastTaken());
        lines.add(key + ": not linearizable; at most " + outcome.deepest() + " of its " + ops
                + " operations linearize, after which the tag names " + held);
        for (RegisterOp op : outcome.lastTaken()) {
            lines.add(key + ":   linearized " + op.source().describe());
        }
        if (outcome.blocked() != null) {
            lines.add(key + ":   then cannot place " + outcome.blocked().source().describe());
        }
        for (RegisterOp op : outcome.candidates()) {
            lines.add(key + ":   concurrent, tried too: " + op.source().describe());
        }
        return lines;
    }

    /** The value a register holds after this tail of a linearization, as far as the tail tells. */
    private static String valueAfter(List<RegisterOp> tail) {
        RegisterOp last = tail.getLast();
        String value = last.write() ? last.source().sent() : last.source().received();
        return value == null ? "nothing" : value;
    }
}
