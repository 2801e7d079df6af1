package io.flotilla.chaos.checker;

import io.flotilla.chaos.history.History;
import io.flotilla.chaos.history.Op;
import io.flotilla.chaos.history.Operation;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The fault windows of a history, read from its nemesis operations (process {@value Op#NEMESIS}).
 *
 * <p>Pairing: a nemesis invoke opens a window named by its f and target, which its completion marks applied.
 * An op that undoes faults closes windows when it completes: "start X" closes the open "kill X" or "stop X", "resume X" the
 * open "pause X", and "heal" every other open window (partitions and cuts of any kind, as {@code Db.heal}
 * undoes them all). A fault whose op FAILed was not applied: its window closes when it failed. Windows still
 * open when the history ends close there.
 */
public final class FaultWindows {

    /**
     * Ops that undo one node's fault, and the faults each undoes: a start follows a kill or a graceful stop.
     * "heal" undoes every other kind.
     */
    private static final Map<String, Set<String>> UNDOES = Map.of("start", Set.of("kill", "stop"),
            "resume", Set.of("pause"));
    private static final Set<String> NODE_FAULTS = Set.of("kill", "stop", "pause");

    private FaultWindows() {
    }

    public static List<FaultWindow> of(History history) {
        List<Op> events = history.ops();
        long end = events.isEmpty() ? 0 : events.getLast().timeNanos();
        List<FaultWindow> closed = new ArrayList<>();
        List<Open> open = new ArrayList<>();
        for (Operation op : history.operations()) {
            if (!op.invoke().isNemesis()) {
                continue;
            }
            long done = op.completion() == null ? op.invokeNanos() : op.completeNanos();
            if (UNDOES.containsKey(op.f()) || op.f().equals("heal")) {
                close(open, closed, op, done);
            } else if (op.is(Op.Type.FAIL)) {
                closed.add(new FaultWindow(name(op), op.invokeNanos(), -1, done));
            } else {
                open.add(new Open(op));
            }
        }
        for (Open o : open) {
            closed.add(o.closeAt(Math.max(end, o.op.invokeNanos())));
        }
        closed.sort((a, b) -> Long.compare(a.openNanos(), b.openNanos()));
        return closed;
    }

    private static void close(List<Open> open, List<FaultWindow> closed, Operation undo, long at) {
        Set<String> undoes = UNDOES.get(undo.f());
        for (Iterator<Open> it = open.iterator(); it.hasNext(); ) {
            Open o = it.next();
            boolean matches = undoes == null
                    ? !NODE_FAULTS.contains(o.op.f())
                    : undoes.contains(o.op.f()) && o.op.key().equals(undo.key());
            if (matches) {
                closed.add(o.closeAt(at));
                it.remove();
            }
        }
    }

    private static String name(Operation op) {
        return op.f() + " " + op.key();
    }

    private record Open(Operation op) {
        FaultWindow closeAt(long at) {
            long applied = op.completion() == null ? -1 : op.completeNanos();
            return new FaultWindow(name(op), op.invokeNanos(), applied, at);
        }
    }
}
