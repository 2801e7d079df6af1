package io.flotilla.model;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TagTest {

    @ParameterizedTest
    @ValueSource(strings = {"latest", "v1.2.3", "V1", "_private", "1", "a-b_c.d", "0123456789"})
    void validTagsParse(String tag) {
        assertEquals(tag, Tag.parse(tag).value());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 128})
    void tagsUpTo128CharactersParse(int length) {
        assertEquals(length, Tag.parse("t".repeat(length)).value().length());
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {".hidden", "-dash", "a/b", "a:b", "a b", "tag!", "é"})
    void invalidTagsAreRejected(String tag) {
        assertThrows(InvalidTagException.class, () -> Tag.parse(tag));
    }

    @org.junit.jupiter.api.Test
    void tagsLongerThan128AreRejected() {
        assertThrows(InvalidTagException.class, () -> Tag.parse("t".repeat(129)));
    }
}
