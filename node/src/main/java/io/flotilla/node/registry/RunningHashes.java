package io.flotilla.node.registry;

import io.flotilla.model.DigestAlgorithm;

import java.security.MessageDigest;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The SHA-256 state of uploads whose chunks passed through this node, so a commit need not read the
 * staged bytes again. It is an optimisation only: a state is used when its offset equals the upload's
 * size, and a commit that finds none rebuilds the hash from the staged bytes.
 */
public final class RunningHashes {
    public static final DigestAlgorithm ALGORITHM = DigestAlgorithm.SHA256;

    private record State(long offset, MessageDigest digest) {
    }

    private final ConcurrentMap<String, State> states = new ConcurrentHashMap<>();

    /** A copy of the state to continue hashing at {@code offset}, if this node has it. */
    public Optional<MessageDigest> continueAt(String uploadId, long offset) {
        if (offset == 0) {
            return Optional.of(ALGORITHM.newMessageDigest());
        }
        State state = states.get(uploadId);
        if (state == null || state.offset() != offset) {
            return Optional.empty();
        }
        try {
            return Optional.of((MessageDigest) state.digest().clone());
        } catch (CloneNotSupportedException e) {
            return Optional.empty();
        }
    }

    /** Remembers the state after an acknowledged chunk ending at {@code offset}. */
    public void record(String uploadId, long offset, MessageDigest digest) {
        states.put(uploadId, new State(offset, digest));
    }

    public void forget(String uploadId) {
        states.remove(uploadId);
    }
}
