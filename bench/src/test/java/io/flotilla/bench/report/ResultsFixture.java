package io.flotilla.bench.report;

import io.flotilla.bench.report.Comparison.Ref;
import io.flotilla.bench.report.Comparison.Table;
import java.time.Instant;
import java.util.List;

/** A small set of results for the renderers' tests: a push, a small request with latency, and a reference. */
final class ResultsFixture {

    private ResultsFixture() {
    }

    static Results make() {
        Results r = new Results(new Results.RunInfo(false, Instant.parse("2026-11-27T10:00:00Z"), "2 CPUs (test)",
                "Java 25", "0.5 0.4 0.3"));
        Row push = new Row("push-512mib", "push 512 MiB monolithic", Unit.MIB_PER_S,
                List.of(Contestants.FLOTILLA, Contestants.PEER, Contestants.PLAIN_HELIDON));
        push.sample(Contestants.FLOTILLA, 400);
        push.sample(Contestants.FLOTILLA, 440);
        push.sample(Contestants.FLOTILLA, 420);
        push.sample(Contestants.PEER, 200);
        push.sample(Contestants.PEER, 210);
        push.sample(Contestants.PEER, 190);
        push.sample(Contestants.PLAIN_HELIDON, 500);
        Row head = new Row("head-blob", "HEAD blob", Unit.REQUESTS_PER_S,
                List.of(Contestants.FLOTILLA, Contestants.PEER, Contestants.CLUSTER));
        head.sample(Contestants.FLOTILLA, 40000);
        head.latency(Contestants.FLOTILLA, 0.5, 4.0);
        head.sample(Contestants.PEER, 5000);
        head.latency(Contestants.PEER, 5.0, 20.0);
        head.fail(Contestants.CLUSTER, "did not start: cassandra did not come up");
        Row dd = new Row("disk-write", "dd of 1 GiB", Unit.MB_PER_S, List.of(Contestants.DD));
        dd.sample(Contestants.DD, 945);
        r.add(push);
        r.add(head);
        r.add(dd);
        r.add(new Comparison(Table.MAIN, push.label(), new Ref(push.id(), Contestants.FLOTILLA),
                new Ref(push.id(), Contestants.PEER), Goal.atLeast(2.5)));
        r.add(new Comparison(Table.MAIN, head.label(), new Ref(head.id(), Contestants.FLOTILLA),
                new Ref(head.id(), Contestants.PEER), Goal.atLeast(10, 10)));
        r.add(new Comparison(Table.PHYSICAL, "plain Helidon push", new Ref(push.id(), Contestants.FLOTILLA),
                new Ref(push.id(), Contestants.PLAIN_HELIDON), Goal.NONE));
        r.add(new Comparison(Table.PHYSICAL, dd.label(), null, new Ref(dd.id(), Contestants.DD), Goal.NONE));
        r.add(new Comparison(Table.CLUSTER, head.label(), new Ref(head.id(), Contestants.CLUSTER),
                new Ref(head.id(), Contestants.PEER), Goal.atLeast(10, 10)));
        r.phaseLoad("transfers", "0.9 0.5 0.3");
        r.loadAtEnd("1.5 1.0 0.8");
        return r;
    }
}
