package io.flotilla.node.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code flotilla admin gc status|pause|resume|dry-run|blob|policy}: online garbage collection (system admins). */
@Command(name = "gc", mixinStandardHelpOptions = true, description = "Garbage collection: pause, resume, report.")
final class GcCommand {
    private static final String ROOT = "/system/gc";

    @ParentCommand
    AdminCommand admin;

    @Command(name = "status", description = "Whether collection is paused, and the answering node's totals.")
    int status() {
        return admin.run(api -> show(api.get(ROOT)));
    }

    @Command(name = "pause", description = "Pause collection on every node until resumed (reviews keep queueing).")
    int pause() {
        return admin.run(api -> show(ApiClient.json(api.post(ROOT + "/pause", null))));
    }

    @Command(name = "resume", description = "Resume collection on every node.")
    int resume() {
        return admin.run(api -> show(ApiClient.json(api.post(ROOT + "/resume", null))));
    }

    @Command(name = "dry-run", description = "What collection would delete if every due review ran now.")
    int dryRun(@Option(names = "--limit", defaultValue = "1000", description = "At most this many (default: ${DEFAULT-VALUE}).")
               int limit) {
        return admin.run(api -> {
            JsonNode report = api.get(ROOT + "/dry-run?limit=" + limit);
            if (admin.json()) {
                admin.print(report);
                return;
            }
            Table table = new Table("KIND", "NAME", "STATE", "SIZE");
            report.path("wouldDelete").forEach(c -> table.row(c.path("kind").asText(), c.path("name").asText(),
                    c.path("state").asText(), c.path("size").asText()));
            table.print(admin.terminal().out());
            admin.terminal().out().println(report.path("reviewed").asInt() + " due reviews read"
                    + (report.path("truncated").asBoolean() ? "; list cut at --limit" : ""));
        });
    }

    @Command(name = "blob", description = "A blob's collection state: live, marked, purging or absent.")
    int blob(@Parameters(paramLabel = "DIGEST") String digest) {
        return admin.run(api -> show(api.get(ROOT + "/blobs/" + ApiClient.segment(digest))));
    }

    @Command(name = "policy", description = "Show, or with --keep / --delete-after-hours set, a repository's "
            + "untagged-manifest policy.")
    int policy(@Parameters(paramLabel = "REPOSITORY") String repository,
               @Option(names = "--keep", description = "Keep untagged manifests.") boolean keep,
               @Option(names = "--delete-after-hours", paramLabel = "N",
                       description = "Delete untagged manifests N hours after they lost their last tag.") Long hours) {
        return admin.run(api -> {
            String path = ROOT + "/untagged-policy?repository=" + ApiClient.query(repository);
            if (keep && hours != null) {
                throw new UsageException("--keep and --delete-after-hours exclude each other");
            }
            if (!keep && hours == null) {
                show(api.get(path));
                return;
            }
            ObjectNode body = ApiClient.JSON.createObjectNode().put("untagged", keep ? "keep" : "delete");
            if (hours != null) {
                body.put("afterHours", hours);
            }
            show(api.put(path, body));
        });
    }

    private void show(JsonNode value) {
        if (admin.json()) {
            admin.print(value);
            return;
        }
        Table table = new Table("FIELD", "VALUE");
        value.fields().forEachRemaining(f -> {
            if (f.getValue().isObject()) {
                f.getValue().fields().forEachRemaining(g -> table.row(f.getKey() + "." + g.getKey(), g.getValue().asText()));
            } else {
                table.row(f.getKey(), f.getValue().asText());
            }
        });
        table.print(admin.terminal().out());
    }
}
