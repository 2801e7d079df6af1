package io.flotilla.node.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code flotilla admin audit}: the audit log, newest first, filtered on the node. {@code --format jsonl} and
 * {@code csv} print the node's export as it comes; {@code table} (the default) lays the same events out.
 */
@Command(name = "audit", mixinStandardHelpOptions = true, description = "Read the audit log (system admins; "
        + "with --project, anyone holding log:list there).")
final class AuditCommand implements java.util.concurrent.Callable<Integer> {

    @ParentCommand
    AdminCommand admin;

    @Option(names = "--user", paramLabel = "NAME", description = "Only this actor's events (~part: a substring).")
    String user;
    @Option(names = "--operation", paramLabel = "OP", description = "create, update, delete, push, pull, login, ...")
    String operation;
    @Option(names = "--resource-type", paramLabel = "TYPE", description = "user, project, member, robot, artifact, ...")
    String resourceType;
    @Option(names = "--project", paramLabel = "PROJECT", description = "Only this project's events.")
    String project;
    @Option(names = "--since", paramLabel = "ISO", description = "From this instant (2025-01-31T00:00:00Z).")
    String since;
    @Option(names = "--until", paramLabel = "ISO", description = "Up to this instant.")
    String until;
    @Option(names = "--limit", defaultValue = "100", description = "At most this many events (default: ${DEFAULT-VALUE}).")
    int limit;
    @Option(names = "--format", defaultValue = "table", description = "table, jsonl or csv (default: ${DEFAULT-VALUE}).")
    String format;

    @Override
    public Integer call() {
        return admin.run(api -> {
            if (!List.of("table", "jsonl", "csv").contains(format)) {
                throw new UsageException("--format is table, jsonl or csv");
            }
            String exported = api.getText(path(format.equals("csv") ? "csv" : "jsonl"));
            if (!format.equals("table")) {
                admin.terminal().out().print(exported);
                admin.terminal().out().flush();
                return;
            }
            List<JsonNode> events = parse(exported);
            if (admin.json()) {
                admin.print(ApiClient.JSON.valueToTree(events));
                return;
            }
            Table table = new Table("TIME", "USER", "SOURCE", "OPERATION", "TYPE", "RESOURCE", "PROJECT", "RESULT", "DETAIL");
            events.forEach(e -> table.row(e.path("op_time").asText(), e.path("username").asText(),
                    e.path("source").asText(), e.path("operation").asText(), e.path("resource_type").asText(),
                    e.path("resource").asText(), e.path("project").asText(), e.path("result").asText(),
                    e.path("detail").asText()));
            table.print(admin.terminal().out());
        });
    }

    private String path(String exportFormat) {
        if (limit < 1) {
            throw new UsageException("--limit must be at least 1");
        }
        StringBuilder query = new StringBuilder("?format=").append(exportFormat).append("&limit=").append(limit);
        add(query, "username", user);
        add(query, "operation", operation);
        add(query, "resource_type", resourceType);
        add(query, "from", since);
        add(query, "to", until);
        return (project == null ? "/audit-logs" : "/projects/" + ApiClient.segment(project) + "/logs") + query;
    }

    private static void add(StringBuilder query, String name, String value) {
        if (value != null) {
            query.append('&').append(name).append('=').append(ApiClient.query(value));
        }
    }

    private static List<JsonNode> parse(String jsonl) throws IOException {
        List<JsonNode> events = new ArrayList<>();
        for (String line : jsonl.split("\n")) {
            if (!line.isBlank()) {
                events.add(ApiClient.JSON.readTree(line));
            }
        }
        return events;
    }
}
