package io.flotilla.storage.support;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What the node last learned of one backend from real requests: up, or unavailable since when and why.
 * Requests are the probe, so an idle node reports the last state it saw.
 */
public final class BackendHealth {

    /** The state as last observed; {@code since} and {@code reason} are null while up. */
    public record State(boolean up, Instant since, String reason) {
    }

    private static final State UP = new State(true, null, null);

    private final String name;
    private final AtomicReference<State> state = new AtomicReference<>(UP);
    private final AtomicLong failures = new AtomicLong();

    public BackendHealth(String name) {
        this.name = name;
    }

    public String name() {
        return name;
    }

    public State state() {
        return state.get();
    }

    /** Requests that failed because this backend was unreachable, since start. */
    public long failures() {
        return failures.get();
    }

    void succeeded() {
        if (!state.get().up()) {
            state.set(UP);
        }
    }

    void failed(Throwable cause) {
        failures.incrementAndGet();
        String reason = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        state.updateAndGet(s -> s.up() ? new State(false, Instant.now(), reason) : s);
    }
}
