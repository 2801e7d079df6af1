package io.flotilla.chaos.runner;

import io.flotilla.chaos.client.RecordingClient;
import io.flotilla.chaos.history.History;
import io.flotilla.chaos.history.Op;
import io.flotilla.chaos.history.Operation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * After the final heal and recovery, reads back every blob and manifest whose push was acknowledged (OK), as
 * pull-digest ops from processes {@value #FIRST_PROCESS}+ (the checkers' mark of a final read). Digests a delete
 * may have removed after their last push are skipped: they may rightly be gone. A read that does not succeed is tried again a few
 * times (each try recorded), so one unlucky request does not count as a lost write.
 */
final class FinalReads {

    static final int FIRST_PROCESS = 1000;
    private static final int READERS = 4;
    private static final int TRIES = 3;

    private record Target(String f, String repo, String digest) {
    }

    private FinalReads() {
    }

    /**
     * Answers how many acknowledged writes were read back (some try OK) and how many were not. A 404 is tried
     * again only if {@code retryMissing}: where GC may rightly have removed a key, it is an answer.
     */
    static int[] run(History history, RecordingClient client, boolean retryMissing) {
        List<Target> targets = targets(history.ops());
        AtomicInteger next = new AtomicInteger();
        AtomicInteger readBack = new AtomicInteger();
        try (ExecutorService pool = Executors.newFixedThreadPool(READERS)) {
            for (int r = 0; r < READERS; r++) {
                int process = FIRST_PROCESS + r;
                pool.submit(() -> {
                    int i;
                    while ((i = next.getAndIncrement()) < targets.size()) {
                        if (read(client, process, targets.get(i), retryMissing)) {
                            readBack.incrementAndGet();
                        }
                    }
                });
            }
        }
        return new int[] {readBack.get(), targets.size() - readBack.get()};
    }

    private static boolean read(RecordingClient client, int process, Target t, boolean retryMissing) {
        for (int attempt = 0; attempt < TRIES; attempt++) {
            Op op = t.f().equals("push-manifest") ? client.pullManifest(process, t.repo(), t.digest())
                    : client.pullBlob(process, t.repo(), t.digest());
            if (op.type() == Op.Type.OK) {
                return true;
            }
            if (!retryMissing && op.error() != null && op.error().startsWith("404")) {
                return false;
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    /**
     * One target per (repo, digest) acknowledged by an OK push (the push ops' value is the repository), except
     * those a delete excuses exactly as {@link io.flotilla.chaos.checker.NoLostWrites} excuses them: a delete of
     * the digest, not FAIL, that completed after the last acknowledged push was invoked. A delete that finished
     * before the digest was pushed again excuses nothing, so that digest must be read back too (skipping every
     * digest ever deleted left re-pushed ones unread, and the checker called them lost).
     */
    static List<Target> targets(List<Op> ops) {
        Map<String, Long> lastPushInvoke = new HashMap<>();
        Map<String, Long> lastDeleteCompletion = new HashMap<>();
        Map<String, Target> byKey = new LinkedHashMap<>();
        for (Operation op : History.of(ops).operations()) {
            if (op.f().equals("delete") && !op.is(Op.Type.FAIL)) {
                lastDeleteCompletion.merge(op.key(), op.completeIndex(), Math::max);
            }
            if (op.is(Op.Type.OK) && (op.f().equals("push-blob") || op.f().equals("push-manifest"))) {
                String repo = op.completion().value();
                byKey.putIfAbsent(repo + "@" + op.key(), new Target(op.f(), repo, op.key()));
                lastPushInvoke.merge(op.key(), op.invoke().index(), Math::max);
            }
        }
        return new ArrayList<>(byKey.values().stream()
                .filter(t -> lastDeleteCompletion.getOrDefault(t.digest(), -1L) < lastPushInvoke.get(t.digest()))
                .toList());
    }
}
