package io.flotilla.node.registry;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ErrorCodeTest {

    @ParameterizedTest
    @EnumSource(ErrorCode.class)
    void everyCodeHasAnErrorStatusAndAMessage(ErrorCode code) {
        assertTrue(code.status() >= 400 && code.status() <= 599, code + " " + code.status());
        assertFalse(code.message().isBlank(), code.name());
        assertTrue(code.code().matches("[A-Z_]+"), code.code());
    }

    /** The codes of the OCI distribution spec's error table (code-1 to code-14), spelled as there. */
    @ParameterizedTest
    @CsvSource(textBlock = """
            BLOB_UNKNOWN,          BLOB_UNKNOWN,          404
            BLOB_UPLOAD_INVALID,   BLOB_UPLOAD_INVALID,   400
            BLOB_UPLOAD_UNKNOWN,   BLOB_UPLOAD_UNKNOWN,   404
            DIGEST_INVALID,        DIGEST_INVALID,        400
            MANIFEST_BLOB_UNKNOWN, MANIFEST_BLOB_UNKNOWN, 400
            MANIFEST_INVALID,      MANIFEST_INVALID,      400
            MANIFEST_UNKNOWN,      MANIFEST_UNKNOWN,      404
            NAME_INVALID,          NAME_INVALID,          400
            NAME_UNKNOWN,          NAME_UNKNOWN,          404
            SIZE_INVALID,          SIZE_INVALID,          400
            UNAUTHORIZED,          UNAUTHORIZED,          401
            DENIED,                DENIED,                403
            UNSUPPORTED,           UNSUPPORTED,           405
            TOO_MANY_REQUESTS,     TOOMANYREQUESTS,       429
            """)
    void ociCodesAreTheSpecsStrings(ErrorCode code, String ociCode, int status) {
        assertEquals(ociCode, code.code());
        assertEquals(status, code.status());
    }

    @Test
    void entriesSharingACodeDifferInStatusOrMessage() {
        assertEquals("SIZE_INVALID", ErrorCode.MANIFEST_TOO_LARGE.code());
        assertEquals(413, ErrorCode.MANIFEST_TOO_LARGE.status());
        assertEquals("UNSUPPORTED", ErrorCode.UNSUPPORTED_MEDIA_TYPE.code());
        assertEquals(415, ErrorCode.UNSUPPORTED_MEDIA_TYPE.status());
        Set<String> pairs = Arrays.stream(ErrorCode.values()).map(c -> c.code() + "/" + c.status() + "/" + c.message())
                .collect(Collectors.toSet());
        assertEquals(ErrorCode.values().length, pairs.size(), "two entries answer identically");
    }

    /**
     * The spec's table is closed for client errors; only server-side failures, and the management API's
     * Harbor codes (which /v2 never answers with), use codes of their own.
     */
    @ParameterizedTest
    @EnumSource(ErrorCode.class)
    void clientErrorsUseOnlyTheSpecsCodes(ErrorCode code) {
        Set<String> spec = Set.of("BLOB_UNKNOWN", "BLOB_UPLOAD_INVALID", "BLOB_UPLOAD_UNKNOWN", "DIGEST_INVALID",
                "MANIFEST_BLOB_UNKNOWN", "MANIFEST_INVALID", "MANIFEST_UNKNOWN", "NAME_INVALID", "NAME_UNKNOWN",
                "SIZE_INVALID", "UNAUTHORIZED", "DENIED", "UNSUPPORTED", "TOOMANYREQUESTS");
        if (code.status() < 500 && !ErrorCode.MANAGEMENT_ONLY.contains(code)) {
            assertTrue(spec.contains(code.code()), code + " answers " + code.code());
        }
    }

    @Test
    void rangeAndOrderErrorsAre416() {
        assertEquals(416, ErrorCode.RANGE_INVALID.status());
        assertEquals(416, ErrorCode.CHUNK_OUT_OF_ORDER.status());
        assertEquals(500, ErrorCode.UNKNOWN.status());
        assertEquals(503, ErrorCode.UNAVAILABLE.status());
    }
}
