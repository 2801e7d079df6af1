package io.flotilla.chaos.checker;

import io.flotilla.chaos.history.Operation;

/**
 * One operation on a register, as the linearizability search sees it: a write or a read of {@code value}
 * (interned as {@code valueId}, 0 being "no value"), which may take effect anywhere between {@code callAt} and
 * {@code returnAt}, both history indexes. A write whose outcome is unknown returns at {@link Long#MAX_VALUE}: it
 * may take effect at any time after its call, or never, which for a register amounts to taking effect after
 * every other operation.
 *
 * @param id position among the key's operations; the search's bitset uses it
 */
record RegisterOp(int id, Operation source, boolean write, int valueId, long callAt, long returnAt) {

    boolean returns() {
        return returnAt != Long.MAX_VALUE;
    }

    /** The register's value after this operation if it can take effect while the register holds {@code state}, else -1. */
    int step(int state) {
        if (write) {
            return valueId;
        }
        return valueId == state ? state : -1;
    }
}
