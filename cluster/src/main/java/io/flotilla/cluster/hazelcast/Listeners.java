package io.flotilla.cluster.hazelcast;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Callbacks run on a grid event thread; one that throws is logged and must not stop the others. */
final class Listeners {

    private static final Logger LOG = Logger.getLogger(Listeners.class.getName());

    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    void add(Runnable listener) {
        listeners.add(listener);
    }

    void fire() {
        for (Runnable listener : listeners) {
            try {
                listener.run();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "a cluster change listener failed", e);
            }
        }
    }
}
