package io.flotilla.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RepositoryNameTest {

    @ParameterizedTest
    @ValueSource(strings = {"a", "alpine", "library/alpine", "a/b/c/d", "my-app", "my--app", "my_app", "my__app",
            "my.app", "0", "a1/b2", "team/sub.name_x-y"})
    void validNamesParse(String name) {
        assertEquals(name, RepositoryName.parse(name).value());
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"Alpine", "/a", "a/", "a//b", "-a", "a-", "a___b", "a..b", "a._b", ".a", "a/.b", "a b",
            "a:b", "a@b", "../etc"})
    void invalidNamesAreRejected(String name) {
        assertThrows(InvalidNameException.class, () -> RepositoryName.parse(name));
    }

    @Test
    void lengthIsCappedAt255() {
        assertEquals(255, RepositoryName.parse("a".repeat(255)).value().length());
        assertThrows(InvalidNameException.class, () -> RepositoryName.parse("a".repeat(256)));
    }
}
