package io.flotilla.node.http;

import io.flotilla.node.registry.ErrorCode;
import io.flotilla.node.registry.RegistryException;
import io.helidon.common.uri.UriQuery;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PagingTest {

    @ParameterizedTest(name = "?{0}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            # query                  | n    | last
            ''                       | 1000 | -
            n=5                      | 5    | -
            n=0                      | 0    | -
            n=1000                   | 1000 | -
            n=1001                   | 1000 | -
            n=2147483647             | 1000 | -
            n=5&last=alpine          | 5    | alpine
            last=a%2Fb               | 1000 | a/b
            last=                    | 1000 | -
            n=2&n=7                  | 2    | -
            other=1                  | 1000 | -
            """)
    void parsesAndCaps(String query, int n, String last) {
        assertEquals(new Paging(n, last), Paging.of(UriQuery.create(query)));
    }

    @ParameterizedTest(name = "?{0}")
    @ValueSource(strings = {"n=-1", "n=", "n", "n=abc", "n=1.5", "n=0x10"})
    void refusesBadNumbers(String query) {
        RegistryException e = assertThrows(RegistryException.class, () -> Paging.of(UriQuery.create(query)));
        assertEquals(ErrorCode.PAGINATION_INVALID, e.code());
    }
}
