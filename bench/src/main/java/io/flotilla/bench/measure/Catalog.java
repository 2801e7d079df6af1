package io.flotilla.bench.measure;

import static io.flotilla.bench.report.Contestants.CLUSTER;
import static io.flotilla.bench.report.Contestants.DD;
import static io.flotilla.bench.report.Contestants.FLOTILLA;
import static io.flotilla.bench.report.Contestants.NGINX;
import static io.flotilla.bench.report.Contestants.OPENSSL;
import static io.flotilla.bench.report.Contestants.PEER;
import static io.flotilla.bench.report.Contestants.PLAIN_HELIDON;

import io.flotilla.bench.report.Comparison;
import io.flotilla.bench.report.Comparison.Ref;
import io.flotilla.bench.report.Comparison.Table;
import io.flotilla.bench.report.Goal;
import io.flotilla.bench.report.Results;
import io.flotilla.bench.report.Row;
import io.flotilla.bench.report.Unit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Every row of a run, who is measured in it, and every ratio the report draws with its goal from the issue:
 * push at least 2.5x the peer, manifest GET and HEAD blob at least 10x with p99 at most 10 ms, listings exempt
 * (the peer ignores n and last), every other row at least 1x; pull at least 0.9x nginx. Comparisons with the
 * plain Helidon server and the static-file ceilings only inform.
 */
public final class Catalog {
    public static final String PUSH_1 = "push-1mib";
    public static final String PUSH_64 = "push-64mib";
    public static final String PUSH_512 = "push-512mib";
    public static final String PUSH_512_CHUNKED = "push-512mib-chunked";
    public static final String PULL_64 = "pull-64mib";
    public static final String PULL_512 = "pull-512mib";
    public static final String MANIFEST_BY_TAG = "manifest-get-by-tag";
    public static final String MANIFEST_BY_DIGEST = "manifest-get-by-digest";
    public static final String HEAD_BLOB = "head-blob";
    public static final String TAG_PAGE = "tag-list-page";
    public static final String CATALOG_PAGE = "catalog-page";
    public static final String STATIC_GET = "static-get";
    public static final String STATIC_HEAD = "static-head";
    public static final String SHA256 = "sha256";
    public static final String DISK_WRITE = "disk-write";

    static final Goal PUSH_GOAL = Goal.atLeast(2.5);
    static final Goal SMALL_GOAL = Goal.atLeast(10, 10);
    static final Goal AT_LEAST_PEER = Goal.atLeast(1);

    private Catalog() {
    }

    /** Adds every row and comparison of a run with this plan to {@code results}. */
    public static void define(Results results, Plan plan, boolean cluster) {
        List<String> registries = cluster ? List.of(FLOTILLA, PEER, CLUSTER) : List.of(FLOTILLA, PEER);
        for (Plan.PushRow push : plan.pushes()) {
            List<String> who = new ArrayList<>(push.id().equals(PUSH_1) ? List.of(FLOTILLA, PEER) : registries);
            if (push.id().equals(PUSH_512)) {
                who.add(PLAIN_HELIDON);
            }
            results.add(new Row(push.id(), push.label(), Unit.MIB_PER_S, who));
        }
        for (Plan.PullRow pull : plan.pulls()) {
            List<String> who = new ArrayList<>(registries);
            if (pull.id().equals(PULL_512)) {
                who.addAll(List.of(PLAIN_HELIDON, NGINX));
            }
            results.add(new Row(pull.id(), pull.label(), Unit.MB_PER_S, who));
        }
        results.add(new Row(MANIFEST_BY_TAG, "manifest GET by tag", Unit.REQUESTS_PER_S, registries));
        results.add(new Row(MANIFEST_BY_DIGEST, "manifest GET by digest", Unit.REQUESTS_PER_S, registries));
        results.add(new Row(HEAD_BLOB, "HEAD blob", Unit.REQUESTS_PER_S, registries));
        results.add(new Row(TAG_PAGE, "tag list page, n=100 of 10,000 tags"
                + plan.smokeNote(count(plan.tags()) + " tags"), Unit.REQUESTS_PER_S, List.of(FLOTILLA, PEER)));
        results.add(new Row(CATALOG_PAGE, "catalog page, n=100 of 10,000 repositories"
                + plan.smokeNote(count(plan.repositories()) + " repositories"), Unit.REQUESTS_PER_S,
                List.of(FLOTILLA, PEER)));
        results.add(new Row(STATIC_GET, "nginx GET of a 4 KiB file, wrk", Unit.REQUESTS_PER_S, List.of(NGINX)));
        results.add(new Row(STATIC_HEAD, "nginx HEAD of a 4 KiB file, HEAD client", Unit.REQUESTS_PER_S,
                List.of(NGINX)));
        String reference = size(plan.referenceBytes());
        results.add(new Row(SHA256, "openssl dgst -sha256 of " + reference + " in tmpfs", Unit.MB_PER_S,
                List.of(OPENSSL)));
        results.add(new Row(DISK_WRITE, "dd of " + size(plan.ddBytes()) + ", bs=1M conv=fdatasync", Unit.MB_PER_S,
                List.of(DD)));

        for (Row row : results.rows()) {
            if (row.expected().contains(FLOTILLA) && row.expected().contains(PEER)) {
                results.add(new Comparison(Table.MAIN, row.label(), new Ref(row.id(), FLOTILLA),
                        new Ref(row.id(), PEER), goal(row.id())));
            }
        }
        results.add(new Comparison(Table.PHYSICAL, "nginx pull (sendfile)", new Ref(PULL_512, FLOTILLA),
                new Ref(PULL_512, NGINX), Goal.atLeast(0.9)));
        results.add(new Comparison(Table.PHYSICAL, "plain Helidon push", new Ref(PUSH_512, FLOTILLA),
                new Ref(PUSH_512, PLAIN_HELIDON), Goal.NONE));
        results.add(new Comparison(Table.PHYSICAL, "plain Helidon pull", new Ref(PULL_512, FLOTILLA),
                new Ref(PULL_512, PLAIN_HELIDON), Goal.NONE));
        results.add(new Comparison(Table.PHYSICAL, results.row(STATIC_GET).label(),
                new Ref(MANIFEST_BY_TAG, FLOTILLA), new Ref(STATIC_GET, NGINX), Goal.NONE));
        results.add(new Comparison(Table.PHYSICAL, results.row(STATIC_HEAD).label(), new Ref(HEAD_BLOB, FLOTILLA),
                new Ref(STATIC_HEAD, NGINX), Goal.NONE));
        results.add(new Comparison(Table.PHYSICAL, results.row(SHA256).label(), null, new Ref(SHA256, OPENSSL),
                Goal.NONE));
        results.add(new Comparison(Table.PHYSICAL, results.row(DISK_WRITE).label(), null, new Ref(DISK_WRITE, DD),
                Goal.NONE));

        if (cluster) {
            for (Row row : results.rows()) {
                if (row.expected().contains(CLUSTER)) {
                    results.add(new Comparison(Table.CLUSTER, row.label(), new Ref(row.id(), CLUSTER),
                            new Ref(row.id(), PEER), goal(row.id())));
                }
            }
        }
    }

    /** The goal for a row's subject against the peer. */
    static Goal goal(String rowId) {
        if (rowId.startsWith("push-")) {
            return PUSH_GOAL;
        }
        return switch (rowId) {
            case MANIFEST_BY_TAG, MANIFEST_BY_DIGEST, HEAD_BLOB -> SMALL_GOAL;
            case TAG_PAGE, CATALOG_PAGE -> Goal.EXEMPT;
            default -> AT_LEAST_PEER;
        };
    }

    /** A size as the labels write it: "512 MiB", "1 GiB". */
    public static String size(long bytes) {
        return bytes >= Plan.MIB * 1024 && bytes % (Plan.MIB * 1024) == 0 ? bytes / (Plan.MIB * 1024) + " GiB"
                : bytes / Plan.MIB + " MiB";
    }

    private static String count(int n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
