package io.flotilla.bench.gc;

/** A GC run cannot go on: a node refused what the GC contract promises, or answered nothing. */
public final class GcBenchException extends RuntimeException {
    public GcBenchException(String message) {
        super(message);
    }

    public GcBenchException(String message, Throwable cause) {
        super(message, cause);
    }
}
