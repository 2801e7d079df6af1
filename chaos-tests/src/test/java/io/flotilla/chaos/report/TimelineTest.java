package io.flotilla.chaos.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flotilla.chaos.history.History;
import io.flotilla.chaos.history.Op;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TimelineTest {

    private static History history() {
        History h = new History();
        h.complete(h.invoke(0, "pull-tag", "chaos/r0:a", null), Op.Type.OK, null, null);
        Op kill = h.invoke(Op.NEMESIS, "kill", "node2", null);
        h.complete(kill, Op.Type.INFO, null, null);
        h.complete(h.invoke(1, "move-tag", "chaos/r0:a", "sha256:x"), Op.Type.INFO, null, "timeout");
        Op start = h.invoke(Op.NEMESIS, "start", "node2", null);
        h.complete(start, Op.Type.INFO, null, null);
        h.complete(h.invoke(1000, "pull-digest", "sha256:x", null), Op.Type.OK, "sha256:x", null);
        return h;
    }

    @Test
    void pairsOpsAndFaultWindowsAndLeavesFinalReadsOut() {
        Timeline t = Timeline.of(history().ops());
        assertEquals(List.of("pull-tag", "move-tag"), t.ops().stream().map(Timeline.Completed::f).toList());
        assertEquals(List.of(Op.Type.OK, Op.Type.INFO), t.ops().stream().map(Timeline.Completed::result).toList());
        assertEquals(1, t.faults().size());
        Timeline.FaultWindow w = t.faults().get(0);
        assertEquals("kill", w.f());
        assertEquals("node2", w.target());
        assertTrue(w.endSeconds() >= w.startSeconds());
    }

    @Test
    void reportIsOneSelfContainedPage(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("report.html");
        Report.write(file, "test", history(), List.of(
                new io.flotilla.chaos.checker.Verdict("NoCorruptReads", true, List.of(), java.util.Map.of())));
        String html = Files.readString(file);
        assertEquals(2, html.split("data:image/png;base64,", -1).length - 1, "two embedded plots");
        assertTrue(html.contains("VALID") && html.contains("kill") && html.contains("move-tag"));
        assertTrue(!html.contains("src=\"http"), "nothing fetched from elsewhere");
    }
}
