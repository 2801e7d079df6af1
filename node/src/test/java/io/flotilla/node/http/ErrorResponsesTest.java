package io.flotilla.node.http;

import io.flotilla.model.Digest;
import io.flotilla.model.InvalidInputException;
import io.flotilla.model.RepositoryName;
import io.flotilla.model.Tag;
import io.flotilla.node.registry.ErrorCode;
import io.flotilla.node.registry.RegistryException;
import io.flotilla.storage.spi.StorageUnavailableException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.io.UncheckedIOException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ErrorResponsesTest {

    @ParameterizedTest
    @EnumSource(ErrorCode.class)
    void registryExceptionsKeepTheirCode(ErrorCode code) {
        assertEquals(code, ErrorResponses.codeOf(new RegistryException(code, "detail")));
    }

    @Test
    void invalidDigestIsDigestInvalid() {
        assertMapped(ErrorCode.DIGEST_INVALID, 400, assertThrows(InvalidInputException.class, () -> Digest.parse("sha256:xyz")));
    }

    @Test
    void invalidNameIsNameInvalid() {
        assertMapped(ErrorCode.NAME_INVALID, 400, assertThrows(InvalidInputException.class, () -> RepositoryName.parse("A")));
    }

    @Test
    void invalidTagIsTagInvalid() {
        assertMapped(ErrorCode.TAG_INVALID, 400, assertThrows(InvalidInputException.class, () -> Tag.parse("-tag")));
    }

    @Test
    void otherInvalidInputIsUnsupported() {
        assertMapped(ErrorCode.UNSUPPORTED, 405, new InvalidInputException("other") {
        });
    }

    @Test
    void unavailableStorageIs503() {
        assertMapped(ErrorCode.UNAVAILABLE, 503, new StorageUnavailableException("down", new IOException("refused")));
    }

    @Test
    void storageIoFailuresAre503() {
        assertMapped(ErrorCode.UNAVAILABLE, 503, new UncheckedIOException(new IOException("disk full")));
        assertMapped(ErrorCode.UNAVAILABLE, 503, new IOException("connection reset"));
        assertMapped(ErrorCode.UNAVAILABLE, 503, new io.flotilla.storage.spi.NoSuchObjectException("uploads/u/p"));
    }

    @Test
    void anythingElseIsUnknown() {
        assertMapped(ErrorCode.UNKNOWN, 500, new IllegalStateException("bug"));
        assertMapped(ErrorCode.UNKNOWN, 500, new IllegalArgumentException("not an InvalidInputException"));
        assertMapped(ErrorCode.UNKNOWN, 500, new NullPointerException());
    }

    private static void assertMapped(ErrorCode expected, int status, Throwable e) {
        assertEquals(expected, ErrorResponses.codeOf(e));
        assertEquals(status, ErrorResponses.codeOf(e).status());
    }
}
