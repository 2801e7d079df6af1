package io.flotilla.bench.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class PhysicalBenchTest {

    @Test
    void readsDdsSummaryFromItsBytesAndSeconds() {
        String stderr = """
                1024+0 records in
                1024+0 records out
                1073741824 bytes (1.1 GB, 1.0 GiB) copied, 1.13456 s, 946 MB/s
                """;
        assertEquals(1073741824 / 1.13456 / 1e6, PhysicalBench.ddMegabytesPerSecond(stderr), 1e-9);
    }

    @Test
    void readsASmallCopy() {
        assertEquals(16777216 / 0.0468 / 1e6,
                PhysicalBench.ddMegabytesPerSecond("16777216 bytes (17 MB, 16 MiB) copied, 0.0468 s, 358 MB/s\n"),
                1e-9);
    }

    @Test
    void rejectsOutputWithoutASummary() {
        assertThrows(IllegalArgumentException.class,
                () -> PhysicalBench.ddMegabytesPerSecond("dd: failed to open 'x': No space left on device"));
    }
}
