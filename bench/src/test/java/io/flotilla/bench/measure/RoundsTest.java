package io.flotilla.bench.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class RoundsTest {

    @Test
    void eachRoundStartsOnePlaceLater() {
        List<String> all = List.of("a", "b", "c");
        assertEquals(List.of("a", "b", "c"), Rounds.order(all, 0));
        assertEquals(List.of("b", "c", "a"), Rounds.order(all, 1));
        assertEquals(List.of("c", "a", "b"), Rounds.order(all, 2));
        assertEquals(List.of("a", "b", "c"), Rounds.order(all, 3));
    }

    @Test
    void fewContestantsAreFine() {
        assertEquals(List.of(), Rounds.order(List.of(), 2));
        assertEquals(List.of("x"), Rounds.order(List.of("x"), 5));
    }
}
