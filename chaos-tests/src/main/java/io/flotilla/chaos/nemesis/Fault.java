package io.flotilla.chaos.nemesis;

import io.flotilla.chaos.db.Db;
import io.flotilla.chaos.history.History;
import io.flotilla.chaos.history.Op;

/** A fault in place, and how to undo it (recorded as its own nemesis op). */
record Fault(String undoF, String target, java.util.function.Consumer<Db> undo) {

    /** Records {@code f} on {@code target} around {@code action}: INVOKE, then INFO (with the error, if any). */
    static void apply(History history, String f, String target, Runnable action) {
        Op invoke = history.invoke(Op.NEMESIS, f, target, null);
        try {
            action.run();
            history.complete(invoke, Op.Type.INFO, null, null);
        } catch (RuntimeException e) {
            history.complete(invoke, Op.Type.INFO, null, e.getClass().getSimpleName() + ": " + e.getMessage());
            System.err.println("nemesis: " + f + " " + target + " failed: " + e.getMessage());
        }
    }

    void undo(Db db, History history) {
        apply(history, undoF, target, () -> undo.accept(db));
    }
}
