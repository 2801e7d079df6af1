package io.flotilla.model;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ReferenceTest {

    @ParameterizedTest
    @ValueSource(strings = {"latest", "v1.0", "sha256"})
    void textWithoutAColonIsATag(String text) {
        Reference ref = Reference.parse(text);
        assertInstanceOf(Reference.ByTag.class, ref);
        assertEquals(Optional.of(Tag.parse(text)), ref.tag());
        assertEquals(Optional.empty(), ref.digest());
        assertEquals(text, ref.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"})
    void textWithAColonIsADigest(String text) {
        Reference ref = Reference.parse(text);
        assertInstanceOf(Reference.ByDigest.class, ref);
        assertEquals(Optional.of(Digest.parse(text)), ref.digest());
        assertEquals(Optional.empty(), ref.tag());
        assertEquals(text, ref.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"sha256:short", "md5:abc", "foo:bar"})
    void badDigestsAreNotMistakenForTags(String text) {
        assertThrows(InvalidDigestException.class, () -> Reference.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".tag", "-tag", "a/b"})
    void badTagsAreRejected(String text) {
        assertThrows(InvalidTagException.class, () -> Reference.parse(text));
    }
}
