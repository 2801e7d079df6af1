package io.flotilla.bench.report;

/** What a row's numbers count. Higher is better for all of them, so every ratio reads the same way. */
public enum Unit {
    /** Pushes: 2^20 bytes per second. */
    MIB_PER_S("MiB/s"),
    /** Pulls and physical references: 10^6 bytes per second. */
    MB_PER_S("MB/s"),
    /** Small requests and listings. */
    REQUESTS_PER_S("req/s");

    private final String symbol;

    Unit(String symbol) {
        this.symbol = symbol;
    }

    public String symbol() {
        return symbol;
    }
}
