package io.flotilla.chaos.history;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Hand-made histories for tests: each event is one millisecond after the previous one unless {@link #at} says
 * otherwise, and a completion takes f and key from its process's open invoke, as {@link History} does.
 */
public final class HistoryBuilder {

    private final List<Op> ops = new ArrayList<>();
    private final Map<Integer, Op> open = new HashMap<>();
    private long nanos;

    /** Sets the time of the next event, in milliseconds since the run started. */
    public HistoryBuilder at(long millis) {
        nanos = millis * 1_000_000L;
        return this;
    }

    public HistoryBuilder invoke(int process, String f, String key, String value) {
        return invoke(process, f, key, value, List.of());
    }

    /** An invoke of a manifest write naming {@code refs}. */
    public HistoryBuilder invoke(int process, String f, String key, String value, List<String> refs) {
        Op op = add(process, Op.Type.INVOKE, f, key, value, null, refs);
        open.put(process, op);
        return this;
    }

    public HistoryBuilder ok(int process, String value) {
        return complete(process, Op.Type.OK, value, null);
    }

    public HistoryBuilder fail(int process, String error) {
        return complete(process, Op.Type.FAIL, null, error);
    }

    public HistoryBuilder info(int process, String error) {
        return complete(process, Op.Type.INFO, null, error);
    }

    /** An invoke directly followed by its OK. */
    public HistoryBuilder call(int process, String f, String key, String sent, String received) {
        return invoke(process, f, key, sent).ok(process, received);
    }

    private HistoryBuilder complete(int process, Op.Type type, String value, String error) {
        Op invoke = open.remove(process);
        if (invoke == null) {
            throw new IllegalStateException("process " + process + " has nothing open");
        }
        add(process, type, invoke.f(), invoke.key(), value, error, List.of());
        return this;
    }

    private Op add(int process, Op.Type type, String f, String key, String value, String error, List<String> refs) {
        Op op = new Op(ops.size(), process, type, f, key, value, nanos, error, refs);
        ops.add(op);
        nanos += 1_000_000L;
        return op;
    }

    public History build() {
        return History.of(ops);
    }
}
