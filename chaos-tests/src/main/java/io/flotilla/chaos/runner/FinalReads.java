package io.flotilla.chaos.runner;

import io.flotilla.chaos.client.RecordingClient;
import io.flotilla.chaos.history.History;
import io.flotilla.chaos.history.Op;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * After the final heal and recovery, reads back every blob and manifest whose push was acknowledged (OK), as
 * pull-digest ops from processes {@value #FIRST_PROCESS}+ (the checkers' mark of a final read). Manifests whose
 * delete was attempted are skipped: they may rightly be gone. A read that does not succeed is tried again a few
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

    /** Answers how many acknowledged writes were read back (some try OK) and how many were not. */
    static int[] run(History history, RecordingClient client) {
        List<Target> targets = targets(history.ops());
        AtomicInteger next = new AtomicInteger();
        AtomicInteger readBack = new AtomicInteger();
        try (ExecutorService pool = Executors.newFixedThreadPool(READERS)) {
            for (int r = 0; r < READERS; r++) {
                int process = FIRST_PROCESS + r;
                pool.submit(() -> {
                    int i;
                    while ((i = next.getAndIncrement()) < targets.size()) {
                        if (read(client, process, targets.get(i))) {
                            readBack.incrementAndGet();
                        }
                    }
                });
            }
        }
        return new int[] {readBack.get(), targets.size() - readBack.get()};
    }

    private static boolean read(RecordingClient client, int process, Target t) {
        for (int attempt = 0; attempt < TRIES; attempt++) {
            Op op = t.f().equals("push-manifest") ? client.pullManifest(process, t.repo(), t.digest())
                    : client.pullBlob(process, t.repo(), t.digest());
            if (op.type() == Op.Type.OK) {
                return true;
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

    /** One target per (repo, digest) acknowledged by an OK push; the push ops' value is the repository. */
    static List<Target> targets(List<Op> ops) {
        Set<String> deleted = new HashSet<>();
        Map<String, Target> byKey = new LinkedHashMap<>();
        for (Op op : ops) {
            if (op.type() == Op.Type.INVOKE && op.f().equals("delete")) {
                deleted.add(op.key());
            }
            if (op.type() == Op.Type.OK && (op.f().equals("push-blob") || op.f().equals("push-manifest"))) {
                byKey.putIfAbsent(op.value() + "@" + op.key(), new Target(op.f(), op.value(), op.key()));
            }
        }
        return new ArrayList<>(byKey.values().stream().filter(t -> !deleted.contains(t.digest())).toList());
    }
}
