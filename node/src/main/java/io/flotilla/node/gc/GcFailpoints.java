package io.flotilla.node.gc;

import io.flotilla.model.Digest;

/**
 * Where a test holds the collector inside a window of the protocol, to run a push or a read against it.
 * Production runs {@link #NONE}.
 */
@FunctionalInterface
public interface GcFailpoints {
    GcFailpoints NONE = (window, digest) -> { };

    /** Called as the collector enters {@code window} for {@code digest}; may block. */
    void reached(GcWindow window, Digest digest) throws InterruptedException;
}
