package io.flotilla.chaos.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoryTest {

    @Test
    void concurrentAppendsGetDistinctIndexesInTimeOrder() throws Exception {
        History history = new History();
        int threads = 8;
        int each = 500;
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int process = t;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < each; i++) {
                        Op invoke = history.invoke(process, "pull-tag", "r:t", null);
                        history.complete(invoke, Op.Type.OK, "sha256:" + i, null);
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        }
        List<Op> ops = history.ops();
        assertEquals(threads * each * 2, ops.size());
        for (int i = 0; i < ops.size(); i++) {
            assertEquals(i, ops.get(i).index());
            if (i > 0) {
                assertTrue(ops.get(i).timeNanos() >= ops.get(i - 1).timeNanos(), "time follows index at " + i);
            }
        }
        assertEquals(threads * each, history.operations().size());
        assertTrue(history.operations().stream().allMatch(o -> o.is(Op.Type.OK)
                && o.completion().process() == o.invoke().process()));
    }

    @Test
    void jsonlRoundTripKeepsEveryFieldIncludingNulls(@TempDir Path dir) throws Exception {
        History history = new History();
        Op invoke = history.invoke(3, "pull-tag", "repo:latest", null);
        history.complete(invoke, Op.Type.INFO, null, "timeout after 5s");
        Op kill = history.invoke(Op.NEMESIS, "kill", "node2", "SIGKILL");
        history.complete(kill, Op.Type.OK, "node \"2\"\nkilled", null);
        Path file = dir.resolve("history.jsonl");
        history.writeJsonl(file);

        List<String> lines = Files.readAllLines(file);
        assertEquals(4, lines.size());
        assertTrue(lines.get(1).contains("\"type\":\"info\""), lines.get(1));
        assertEquals(history.ops(), History.readJsonl(file).ops());
    }

    @Test
    void jsonlRoundTripKeepsTheBlobsAManifestWriteNames(@TempDir Path dir) throws Exception {
        History history = new History();
        Op write = history.invoke(3, "move-tag", "r:t", "sha256:m", List.of("sha256:c", "sha256:l"));
        history.complete(write, Op.Type.OK, "sha256:m", null);
        Path file = dir.resolve("history.jsonl");
        history.writeJsonl(file);
        List<Op> read = History.readJsonl(file).ops();
        assertEquals(history.ops(), read);
        assertEquals(List.of("sha256:c", "sha256:l"), read.getFirst().refs());
        assertEquals(List.of(), read.get(1).refs());
        assertTrue(!Files.readAllLines(file).get(1).contains("refs"), "only events that name blobs carry refs");
        assertEquals(List.of("sha256:c", "sha256:l"), History.readJsonl(file).operations().getFirst().refs());
    }

    @Test
    void readingALineWithoutAnIndexSaysWhere(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("h.jsonl");
        Files.writeString(file, "\n{\"process\":1,\"type\":\"ok\",\"timeNanos\":5}\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> History.readJsonl(file));
        assertTrue(e.getMessage().endsWith(":2: no index"), e.getMessage());
    }

    @Test
    void operationsPairACompletionWithItsProcesssOpenInvoke() {
        History history = new HistoryBuilder()
                .invoke(1, "move-tag", "r:t", "sha256:a")
                .invoke(2, "pull-tag", "r:t", null)
                .ok(2, "sha256:a")
                .invoke(1, "move-tag", "r:t", "sha256:b") // process 1 moved on: its first op stays open
                .fail(1, "500")
                .invoke(3, "pull-tag", "r:t", null)
                .build();
        List<Operation> ops = history.operations();
        assertEquals(4, ops.size());
        assertNull(ops.get(0).completion());
        assertEquals(Op.Type.INFO, ops.get(0).type());
        assertEquals(Long.MAX_VALUE, ops.get(0).completeNanos());
        assertEquals("sha256:a", ops.get(1).received());
        assertEquals(Op.Type.FAIL, ops.get(2).type());
        assertEquals("sha256:b", ops.get(2).sent());
        assertEquals(Op.Type.INFO, ops.get(3).type());
    }

    @Test
    void finalReadsAreRecognisedByProcessAndFunction() {
        Op finalRead = new Op(0, Op.FINAL_READ_PROCESS_BASE + 2, Op.Type.INVOKE, "pull-digest", "sha256:a", null, 0,
                null);
        Op workloadRead = new Op(0, 7, Op.Type.INVOKE, "pull-digest", "sha256:a", null, 0, null);
        Op finalTag = new Op(0, Op.FINAL_READ_PROCESS_BASE, Op.Type.INVOKE, "pull-tag", "r:t", null, 0, null);
        assertTrue(finalRead.isFinalRead());
        assertTrue(!workloadRead.isFinalRead() && !finalTag.isFinalRead());
    }

    @Test
    void completingAnythingButAnInvokeIsRefused() {
        History history = new History();
        Op invoke = history.invoke(1, "pull-tag", "r:t", null);
        Op done = history.complete(invoke, Op.Type.OK, null, null);
        assertThrows(IllegalArgumentException.class, () -> history.complete(done, Op.Type.OK, null, null));
        assertThrows(IllegalArgumentException.class, () -> history.complete(invoke, Op.Type.INVOKE, null, null));
    }
}
