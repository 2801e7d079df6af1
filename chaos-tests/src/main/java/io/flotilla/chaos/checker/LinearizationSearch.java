package io.flotilla.chaos.checker;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Whether a register's operations have a linearization: Wing and Gong's search, with Lowe's cache of
 * configurations already explored (as Knossos' "wgl" and Porcupine do).
 *
 * <p>The operations' calls and returns form one list in history order. The search walks it from the front:
 * at a call it tries to take the operation's effect now (if the register allows it) and removes the call and
 * its return from the list, then starts again from the front; at a return whose operation was not taken yet, the
 * last choice was wrong, so it puts that operation back and tries the next call after it. A configuration (set
 * of operations taken, register value) reached once never needs exploring again, which keeps the search
 * polynomial for the concurrency a test has. Operations without a return (unknown writes) never block.
 *
 * <p>One search is single-use and not thread-safe.
 */
final class LinearizationSearch {

    /** How far a failed search got, for evidence. */
    record Outcome(Result result, String reason, int statesExplored, int deepest, List<RegisterOp> lastTaken,
                   RegisterOp blocked, int stateThen, List<RegisterOp> candidates) {
    }

    enum Result { LINEARIZABLE, NOT_LINEARIZABLE, UNKNOWN }

    /** How many operations of the longest prefix, and how many concurrent candidates, evidence shows. */
    static final int EVIDENCE_OPS = 8;

    private final List<RegisterOp> ops;
    private final int maxStates;
    private final Entry head = new Entry(null, true);

    private int deepest = -1;
    private List<RegisterOp> deepestTaken = List.of();
    private RegisterOp deepestBlocked;
    private int deepestState;
    private List<RegisterOp> deepestCandidates = List.of();

    LinearizationSearch(List<RegisterOp> ops, int maxStates) {
        this.ops = List.copyOf(ops);
        this.maxStates = maxStates;
    }

    Outcome run() {
        int pendingReturns = buildList();
        BitSet taken = new BitSet(ops.size());
        Set<Configuration> seen = new HashSet<>();
        Deque<Frame> stack = new ArrayDeque<>();
        int state = 0;
        Entry entry = head.next;
        while (pendingReturns > 0) {
            if (entry.call) {
                RegisterOp op = entry.op;
                int next = op.step(state);
                if (next >= 0) {
                    taken.set(op.id());
                    if (seen.add(Configuration.of(taken, next))) {
                        if (seen.size() > maxStates) {
                            return outcome(Result.UNKNOWN, "gave up after " + maxStates + " states", seen.size());
                        }
                        stack.push(new Frame(entry, state));
                        state = next;
                        entry.lift();
                        pendingReturns -= op.returns() ? 1 : 0;
                        entry = head.next;
                        continue;
                    }
                    taken.clear(op.id());
                }
                entry = entry.next;
            } else {
                noteBlocked(entry.op, stack, state);
                if (stack.isEmpty()) {
                    return outcome(Result.NOT_LINEARIZABLE, "no linearization", seen.size());
                }
                Frame undo = stack.pop();
                state = undo.state;
                taken.clear(undo.entry.op.id());
                undo.entry.unlift();
                pendingReturns += undo.entry.op.returns() ? 1 : 0;
                entry = undo.entry.next;
            }
        }
        // Only unknown writes are left; they can all take effect last, where no read can see them.
        return outcome(Result.LINEARIZABLE, "", seen.size());
    }

    /** Links every call and return in history order behind {@link #head}; returns how many returns there are. */
    private int buildList() {
        record Event(long at, Entry entry) {
        }
        List<Event> events = new ArrayList<>();
        int returns = 0;
        for (RegisterOp op : ops) {
            Entry call = new Entry(op, true);
            events.add(new Event(op.callAt(), call));
            if (op.returns()) {
                call.match = new Entry(op, false);
                events.add(new Event(op.returnAt(), call.match));
                returns++;
            }
        }
        events.sort((a, b) -> Long.compare(a.at, b.at));
        Entry last = head;
        for (Event e : events) {
            last.next = e.entry;
            e.entry.prev = last;
            last = e.entry;
        }
        return returns;
    }

    /** Keeps the deepest point where the search was stuck: the longest prefix it could linearize. */
    private void noteBlocked(RegisterOp blocked, Deque<Frame> stack, int state) {
        if (stack.size() <= deepest) {
            return;
        }
        deepest = stack.size();
        List<RegisterOp> last = new ArrayList<>();
        for (Frame f : stack) { // top first
            if (last.size() == EVIDENCE_OPS) {
                break;
            }
            last.addFirst(f.entry.op);
        }
        deepestTaken = last;
        deepestBlocked = blocked;
        deepestState = state;
        List<RegisterOp> candidates = new ArrayList<>();
        for (Entry e = head.next; e != null && candidates.size() < EVIDENCE_OPS; e = e.next) {
            if (e.call && e.op != blocked) {
                candidates.add(e.op);
            }
            if (e.op == blocked && !e.call) {
                break;
            }
        }
        deepestCandidates = candidates;
    }

    private Outcome outcome(Result result, String reason, int states) {
        return new Outcome(result, reason, states, Math.max(deepest, 0), deepestTaken, deepestBlocked, deepestState,
                deepestCandidates);
    }

    /**
     * A set of operations taken and the register's value after them: a point of the search. Operations are
     * mostly taken in history order, so the set is a long run of ones and a short ragged tail; storing the run
     * as a count keeps the cache small even for keys with thousands of operations.
     */
    private record Configuration(int fullWords, long[] tail, int state) {

        static Configuration of(BitSet taken, int state) {
            int fullWords = taken.nextClearBit(0) / Long.SIZE;
            long[] words = taken.toLongArray();
            return new Configuration(fullWords, Arrays.copyOfRange(words, Math.min(fullWords, words.length),
                    words.length), state);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Configuration c && c.fullWords == fullWords && c.state == state
                    && Arrays.equals(c.tail, tail);
        }

        @Override
        public int hashCode() {
            return (fullWords * 31 + state) * 31 + Arrays.hashCode(tail);
        }
    }

    private record Frame(Entry entry, int state) {
    }

    /** A node of the doubly linked list of calls and returns; a call knows its return ({@code match}). */
    private static final class Entry {
        final RegisterOp op;
        final boolean call;
        Entry match;
        Entry prev;
        Entry next;

        Entry(RegisterOp op, boolean call) {
            this.op = op;
            this.call = call;
        }

        /** Takes this call and its return out of the list; they keep their links so {@link #unlift} can undo it. */
        void lift() {
            prev.next = next;
            if (next != null) {
                next.prev = prev;
            }
            if (match != null) {
                match.prev.next = match.next;
                if (match.next != null) {
                    match.next.prev = match.prev;
                }
            }
        }

        /** Puts them back, in the reverse order of {@link #lift}. */
        void unlift() {
            if (match != null) {
                match.prev.next = match;
                if (match.next != null) {
                    match.next.prev = match;
                }
            }
            prev.next = this;
            if (next != null) {
                next.prev = this;
            }
        }
    }
}
