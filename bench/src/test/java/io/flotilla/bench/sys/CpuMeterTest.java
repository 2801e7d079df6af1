package io.flotilla.bench.sys;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CpuMeterTest {

    @Test
    void readsUserAndSystemTimeAfterACommandNameWithSpacesAndParentheses() {
        String stat = "4242 (a (b) c) S 1 4242 4242 0 -1 4194560 500 0 0 0 250 50 0 0 20 0 30 0 100 1000 10";
        assertEquals(3.0, CpuMeter.statCpuSeconds(stat));
    }

    @Test
    void boxTicksCountIdleAndIowaitAsNotBusy() {
        String procStat = "cpu  100 10 40 800 50 0 0 0 0 0\ncpu0 50 5 20 400 25 0 0 0 0 0\n";
        assertArrayEquals(new long[] {150, 1000}, CpuMeter.boxTicks(procStat));
    }

    @Test
    void measuresThisProcessBurningCpu() {
        long self = ProcessHandle.current().pid();
        assertTrue(CpuMeter.pidsWhere(cmd -> true).contains(self), "/proc lists this JVM");
        CpuMeter meter = new CpuMeter(List.of(new CpuMeter.Group("self", List.of(self))));
        CpuMeter.Reading before = meter.read();
        long end = System.nanoTime() + 300_000_000L;
        long x = 0;
        while (System.nanoTime() < end) {
            x += Long.numberOfTrailingZeros(x + System.nanoTime());
        }
        Map<String, Double> cores = CpuMeter.cores(before, meter.read(), 2);
        assertTrue(cores.get("self") > 0.3, "a busy loop used most of a core: " + cores + " " + x);
        assertTrue(cores.get(CpuMeter.BOX) > 0, cores.toString());
    }

    @Test
    void aGroupWhoseProcessEndedReadsNotANumber() {
        CpuMeter.Reading before = new CpuMeter.Reading(0, Map.of("svc", Map.of(1L, 10.0, 2L, 5.0)), 0, 100);
        CpuMeter.Reading after = new CpuMeter.Reading(2_000_000_000L, Map.of("svc", Map.of(1L, 11.0)), 50, 200);
        assertTrue(CpuMeter.cores(before, after, 2).get("svc").isNaN());
        CpuMeter.Reading both = new CpuMeter.Reading(2_000_000_000L, Map.of("svc", Map.of(1L, 11.0, 2L, 6.0)), 50, 200);
        assertEquals(1.0, CpuMeter.cores(before, both, 2).get("svc"), 1e-9);
        assertEquals(1.0, CpuMeter.cores(before, both, 2).get(CpuMeter.BOX), 1e-9);
    }

    @Test
    void programIsTheFirstWordWithoutItsDirectory() {
        assertEquals("radosgw", CpuMeter.program("/usr/bin/radosgw -c /tmp/ceph.conf -n client.rgw"));
        assertEquals("ceph-osd", CpuMeter.program("ceph-osd -i 0"));
    }
}
