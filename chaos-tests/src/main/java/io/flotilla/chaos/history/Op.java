package io.flotilla.chaos.history;

/**
 * One event of a history. Client ops come in pairs: an INVOKE, then OK | FAIL | INFO (INFO = unknown outcome,
 * e.g. a timeout: the operation may still take effect). Field meanings per f are in the shared API (chaos-api.md).
 *
 * <p>MINIMAL stand-in written by the runner's worktree so the run path compiles; the checkers' worktree owns it.
 */
public record Op(long index, int process, Op.Type type, String f, String key, String value, long timeNanos,
                 String error) {

    public enum Type { INVOKE, OK, FAIL, INFO }

    public static final int NEMESIS = -1;
}
