package io.flotilla.bench.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class WrkReportTest {

    /** wrk 4.1.0's output on this box, as it printed it. */
    private static final String CLEAN = """
            Running 1s test @ http://127.0.0.1:18089/nonexist
              2 threads and 32 connections
              Thread Stats   Avg      Stdev     Max   +/- Stdev
                Latency    57.61us   97.76us   3.08ms   98.93%
                Req/Sec    73.91k    10.91k   83.07k    72.73%
              Latency Distribution
                 50%   45.00us
                 75%   60.00us
                 90%   78.00us
                 99%  160.00us
              80805 requests in 1.10s, 23.73MB read
            Requests/sec:  73464.03
            Transfer/sec:     21.58MB
            """;

    @Test
    void readsRateAndPercentilesInMicroseconds() {
        LoadResult r = WrkReport.parse(CLEAN);
        assertEquals(73464.03, r.requestsPerSecond(), 1e-6);
        assertEquals(0.045, r.p50Ms(), 1e-9);
        assertEquals(0.160, r.p99Ms(), 1e-9);
        assertEquals(80805, r.requests());
        assertEquals(0, r.errorResponses());
        assertEquals(0, r.socketErrors());
        assertNull(r.problem());
    }

    @Test
    void readsMillisecondsSecondsAndMinutes() {
        String out = CLEAN.replace("50%   45.00us", "50%    2.27ms").replace("99%  160.00us", "99%    1.50s");
        LoadResult r = WrkReport.parse(out);
        assertEquals(2.27, r.p50Ms(), 1e-9);
        assertEquals(1500, r.p99Ms(), 1e-9);
        assertEquals(90_000, WrkReport.toMillis(1.5, "m"), 1e-9);
        assertEquals(3_600_000, WrkReport.toMillis(1, "h"), 1e-9);
    }

    @Test
    void readsAThousandsSuffixOnTheRate() {
        LoadResult r = WrkReport.parse(CLEAN.replace("Requests/sec:  73464.03", "Requests/sec:     73.46k"));
        assertEquals(73460, r.requestsPerSecond(), 1e-6);
    }

    @Test
    void errorResponsesAndSocketErrorsMakeTheRunUnreportable() {
        String out = CLEAN.replace("  80805 requests in 1.10s, 23.73MB read\n", """
                  80805 requests in 1.10s, 23.73MB read
                  Socket errors: connect 0, read 3, write 0, timeout 2
                  Non-2xx or 3xx responses: 80805
                """);
        LoadResult r = WrkReport.parse(out);
        assertEquals(80805, r.errorResponses());
        assertEquals(5, r.socketErrors());
        assertTrue(r.problem().contains("80805 of 80805 responses were errors"), r.problem());
        assertTrue(r.problem().contains("connect 0, read 3, write 0, timeout 2"), r.problem());
    }

    @Test
    void aRunWithNoRequestIsUnreportable() {
        String out = CLEAN.replace("80805 requests in", "0 requests in");
        assertEquals("no request completed", WrkReport.parse(out).problem());
    }

    @Test
    void outputWithoutTheLatencyDistributionIsRejected() {
        String out = CLEAN.replaceAll("(?m)^\\s+\\d+%.*\\n", "");
        assertThrows(IllegalArgumentException.class, () -> WrkReport.parse(out));
    }

    @Test
    void somethingThatIsNotWrkOutputIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> WrkReport.parse("unable to connect to 127.0.0.1:1"));
    }
}
