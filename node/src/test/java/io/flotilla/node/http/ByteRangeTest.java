package io.flotilla.node.http;

import io.flotilla.node.registry.ErrorCode;
import io.flotilla.node.registry.RegistryException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ByteRangeTest {

    @ParameterizedTest(name = "{0} of {1}")
    @CsvSource(delimiter = '|', textBlock = """
            # header                      | size | start | length
            bytes=0-0                     | 10   | 0     | 1
            bytes=0-9                     | 10   | 0     | 10
            bytes=2-5                     | 10   | 2     | 4
            bytes=9-9                     | 10   | 9     | 1
            bytes=3-                      | 10   | 3     | 7
            bytes=0-                      | 1    | 0     | 1
            bytes=-3                      | 10   | 7     | 3
            bytes=-10                     | 10   | 0     | 10
            '  bytes=1-2  '               | 10   | 1     | 2
            # an end beyond the blob is clamped to its last byte, and so is a long suffix
            bytes=5-100                   | 10   | 5     | 5
            bytes=0-9223372036854775807   | 10   | 0     | 10
            bytes=0-9999999999999999999   | 10   | 0     | 10
            bytes=-11                     | 10   | 0     | 10
            bytes=-9999999999999999999    | 10   | 0     | 10
            """)
    void satisfiableRanges(String header, long size, long start, long length) {
        ByteRange range = ByteRange.parse(header, size).orElseThrow();
        assertEquals(new ByteRange(start, length), range);
        assertEquals("bytes " + start + "-" + (start + length - 1) + "/" + size, range.contentRange(size));
    }

    @ParameterizedTest(name = "{0} of {1}")
    @CsvSource(delimiter = '|', textBlock = """
            bytes=10-         | 10
            bytes=10-20       | 10
            bytes=5-4         | 10
            bytes=-0          | 10
            bytes=0-          | 0
            bytes=0-0         | 0
            bytes=-1          | 0
            bytes=9999999999999999999- | 10
            """)
    void unsatisfiableRangesAreRefused(String header, long size) {
        RegistryException e = assertThrows(RegistryException.class, () -> ByteRange.parse(header, size));
        assertEquals(ErrorCode.RANGE_INVALID, e.code());
        assertEquals(Map.of("Content-Range", "bytes */" + size), e.headers());
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "bytes=", "bytes=-", "bytes=0-1,3-4", "bytes=0-1, 3-4", "items=0-1", "bytes=a-b",
            "bytes=1", "bytes 0-1", "bytes=+1-2", "bytes=0--1", "garbage"})
    void formsThisServerDoesNotHonourServeTheWholeBlob(String header) {
        assertEquals(Optional.empty(), ByteRange.parse(header, 10));
    }

    @Test
    void endIsInclusive() {
        assertEquals(5, new ByteRange(2, 4).end());
    }
}
