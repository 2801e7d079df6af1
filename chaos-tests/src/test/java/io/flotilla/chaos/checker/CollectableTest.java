package io.flotilla.chaos.checker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.flotilla.chaos.history.History;
import io.flotilla.chaos.history.HistoryBuilder;
import io.flotilla.chaos.history.Op;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What must be collected at the end: only what is certain, never what an INFO write may still hold. */
class CollectableTest {

    private static final int PHASE = Op.PHASE_PROCESS_BASE;

    private static Set<String> required(History h) {
        return Collectable.blobs(h, Retention.of(h, Duration.ofSeconds(4)));
    }

    @Test
    void blobsOfDeletedOrUntaggedManifestsAndBlobsNothingNamesMustGo() {
        History h = new HistoryBuilder()
                .call(1, "push-blob", "A", "r", "r")
                .call(1, "push-blob", "B", "r", "r")
                .invoke(1, "push-blob", "U", "r").info(1, "timeout")     // may exist: then it must go too
                .invoke(1, "push-manifest", "M1", "r", List.of("A")).ok(1, "r")
                .call(1, "delete", "M1", "r", "r")
                .invoke(1, "move-tag", "r:a", "M2", List.of("B")).ok(1, "M2")
                .invoke(1, "move-tag", "r:a", "M3", List.of("S")).ok(1, "M3")
                .call(PHASE, "pull-tag", "r:a", null, "M3")
                .build();
        assertEquals(Set.of("A", "B", "U"), required(h));
    }

    @Test
    void nothingAnUncertainWriteMayStillHoldIsRequired() {
        History h = new HistoryBuilder()
                .call(1, "push-blob", "A", "r", "r")
                .invoke(1, "push-manifest", "M1", "r", List.of("A")).ok(1, "r")
                .invoke(2, "push-manifest", "M1", "r", List.of("A")).info(2, "timeout")  // may land after the delete
                .call(1, "delete", "M1", "r", "r")
                .call(1, "push-blob", "B", "r", "r")
                .invoke(1, "move-tag", "r:a", "M2", List.of("B")).ok(1, "M2")
                .invoke(1, "move-tag", "r:a", "M3", List.of("C")).info(1, "timeout")
                .call(PHASE, "pull-tag", "r:a", null, "M3")
                .build();
        // A: M1 may exist (INFO push). B: M2 was untagged at the end, so it goes; C: M3 is tagged.
        assertEquals(Set.of("B"), required(h));
    }
}
