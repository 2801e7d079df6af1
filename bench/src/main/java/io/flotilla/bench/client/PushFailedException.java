package io.flotilla.bench.client;

/** A push or pull that did not get the answer the distribution spec requires (or no answer at all). */
public final class PushFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public PushFailedException(String message) {
        super(message);
    }
}
