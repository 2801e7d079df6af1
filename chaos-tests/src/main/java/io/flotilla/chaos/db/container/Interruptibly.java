package io.flotilla.chaos.db.container;

/** Sleeps for the polling loops of this package; an interrupt ends the wait as an unchecked failure. */
final class Interruptibly {

    private Interruptibly() {
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
