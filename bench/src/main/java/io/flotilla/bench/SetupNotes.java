package io.flotilla.bench;

import io.flotilla.bench.measure.Catalog;
import io.flotilla.bench.measure.Plan;
import io.flotilla.bench.report.Results;
import io.flotilla.bench.servers.DockerRegistryServer;
import io.flotilla.bench.sys.Command;
import io.flotilla.bench.sys.Exec;
import io.flotilla.bench.sys.Processes;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The header lines of results.md that say how each contestant was set up and how it was measured. */
final class SetupNotes {

    private SetupNotes() {
    }

    static void add(Results results, Plan plan, BenchOptions options, Path blobDir, Processes processes) {
        results.note(DockerRegistryServer.SETUP);
        results.note("Flotilla: one node, ./flotilla run on its embedded defaults (SQLite metadata, blobs in local "
                + "files), its access log on as by default (one JSON line per request, to a file)"
                + (options.jfr() ? "; it recorded a JFR profile (settings=profile) into flotilla.jfr, which costs "
                + "it a little" : ""));
        results.note(access(options));
        if (options.cluster()) {
            results.note("cluster: 3 Flotilla nodes from deploy/local/cluster.sh behind HAProxy (round robin), on "
                    + "Cassandra and Ceph RADOS from deploy/local/services.sh, all on this box");
        }
        results.note("transfers: curl on loopback, random blobs read from " + blobDir + ", a different blob for "
                + "every run; push time is the sum of curl's time_total over POST and PUT (chunked: POST, PATCHes, "
                + "PUT), after sync; pull is curl's speed_download of a GET; contestants take turns round by round, "
                + "order rotated each round, after an untimed " + Catalog.size(plan.warmupBytes())
                + " warm-up push and pull each; one more pull per contestant and pull row is hashed and must match "
                + "its digest");
        results.note("small requests and listings: " + plan.connections() + " connections for "
                + plan.loadDuration().toSeconds() + " s each" + (plan.loadWarmup().isZero() ? ""
                : " after " + plan.loadWarmup().toSeconds() + " s untimed")
                + "; GET with wrk -t1, HEAD with a Netty HTTP/1.1 client (1 thread) recording into HdrHistogram, "
                + "since wrk cannot send HEAD and Helidon answers ab's HTTP/1.0 with 505; clients and servers "
                + "share the same CPUs");
        results.note("tools: " + versions(processes));
    }

    /** How Flotilla's nodes (the single one and the cluster's) checked who was asking, and what the clients sent. */
    static String access(BenchOptions options) {
        if (!options.flotillaAuth()) {
            return "access control: off in every Flotilla node (FLOTILLA_AUTH_ENABLED=false, --flotilla-auth off): "
                    + "no credentials sent or checked, no audit log; docker-registry runs without auth either way";
        }
        String how = options.auth() == BenchOptions.Auth.TOKEN
                ? "a Bearer token (Docker token auth, --auth token) on every request: fetched from /service/token "
                + "with Basic credentials and the scope the row needs, once per load row and once per transfer, "
                + "outside the timed part, so each request costs the node a token signature check"
                : "Basic credentials on every request (--auth basic): the node remembers a successful password "
                + "check (auth.credential-cache-seconds), so each request costs it a cached credential check";
        return "access control: on in every Flotilla node, as by default, with its audit log; the clients sign in "
                + "as admin (a random password per run, FLOTILLA_ADMIN_PASSWORD) with " + how + "; fixtures load "
                + "with Basic; docker-registry runs without auth and gets no credentials";
    }

    /** The first line each client and reference tool prints about its version. */
    private static String versions(Processes processes) {
        List<String> found = new ArrayList<>();
        for (List<String> c : List.of(List.of("curl", "--version"), List.of("wrk", "--version"),
                List.of("openssl", "version"), List.of("nginx", "-v"))) {
            try {
                Exec exec = processes.run(Command.of(c), Duration.ofSeconds(10));
                found.add((exec.stdout() + "\n" + exec.stderr()).lines().filter(l -> !l.isBlank()).findFirst()
                        .map(SetupNotes::upToVersion).orElse(c.getFirst()));
            } catch (RuntimeException e) {
                found.add(c.getFirst() + " (version unknown)");
            }
        }
        return String.join("; ", found);
    }

    /** "curl 7.88.1 (x86_64...) libcurl..." becomes "curl 7.88.1": the words up to the first with a digit. */
    static String upToVersion(String line) {
        StringBuilder b = new StringBuilder();
        for (String word : line.strip().split("\\s+")) {
            b.append(b.isEmpty() ? "" : " ").append(word);
            if (word.chars().anyMatch(Character::isDigit)) {
                break;
            }
        }
        return b.toString();
    }
}
