package io.flotilla.bench.gc;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * Everything one GC run found, gathered as it goes and rendered at the end by {@link GcReport}; whatever a
 * run that broke half-way found is still reported.
 */
public final class GcFindings {
    final GcOptions options;
    final Instant started = Instant.now();
    final String machine;
    final String java;
    final String loadAtStart;
    String loadAtEnd = "";
    /** Keyspace, bucket or namespace: what the cluster used in the shared services. */
    String clusterNames = "";
    SeedResult seed;
    /** Counters that moved while GC was paused (seeding and the wait): all zero when the pause held. */
    GcCounters duringPause;
    /** GC states of the verification sample just before the resume. */
    final Map<String, Integer> statesBeforeResume = new TreeMap<>();
    double waitSeconds = Double.NaN;
    final List<GcSample> timeline = new ArrayList<>();
    GcRates rates;
    /** Phase name to process group to average cores. */
    final Map<String, Map<String, Double>> cpu = new LinkedHashMap<>();
    final Map<String, Integer> statesAfter = new TreeMap<>();
    final Map<Integer, Integer> headAfter = new TreeMap<>();
    String storeProbe = "";
    OptionalLong storeObjectsBefore = OptionalLong.empty();
    OptionalLong storeObjectsAfter = OptionalLong.empty();
    /** How many of the sample the store was seen holding (by content) before the resume and after; -1: not told. */
    int storeHoldingBefore = -1;
    int storeHoldingAfter = -1;
    List<String> storeExamplesAfter = List.of();
    int verified;
    final List<String> failures = new ArrayList<>();
    final List<String> notes = new ArrayList<>();

    GcFindings(GcOptions options, String machine, String java, String loadAtStart) {
        this.options = options;
        this.machine = machine;
        this.java = java;
        this.loadAtStart = loadAtStart;
    }

    void fail(String why) {
        failures.add(why);
    }

    void note(String what) {
        notes.add(what);
    }

    public List<String> failures() {
        return List.copyOf(failures);
    }
}
