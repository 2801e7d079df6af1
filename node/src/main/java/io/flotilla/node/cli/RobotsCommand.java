package io.flotilla.node.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** {@code flotilla admin robots list|create|rotate|disable|enable|delete}. */
@Command(name = "robots", mixinStandardHelpOptions = true, description = "Robot accounts: machine credentials with explicit grants.")
final class RobotsCommand {

    @ParentCommand
    AdminCommand admin;

    @Command(name = "list", description = "List robots: every one (system admins), or a project's (--project).")
    int list(@Option(names = "--project", paramLabel = "PROJECT") String project) {
        return admin.run(api -> {
            JsonNode robots = api.getAll("/robots" + (project == null ? "" : "?project=" + ApiClient.query(project)));
            if (admin.json()) {
                admin.print(robots);
                return;
            }
            Table table = new Table("NAME", "LEVEL", "DISABLED", "EXPIRES", "GRANTS", "DESCRIPTION");
            robots.forEach(r -> table.row(r.path("name").asText(), r.path("level").asText(),
                    r.path("disable").asBoolean() ? "yes" : "", expiry(r.path("expires_at").asLong()), grants(r),
                    r.path("description").asText()));
            table.print(admin.terminal().out());
        });
    }

    @Command(name = "create", description = "Create a robot; its secret is printed once. A robot of a project "
            + "(--project) is named robot$PROJECT+NAME, a system robot robot$NAME.")
    int create(@Parameters(paramLabel = "NAME") String name,
               @Option(names = "--project", paramLabel = "PROJECT", description = "Make a project robot.") String project,
               @Option(names = "--grant", paramLabel = "SPEC", required = true,
                       description = "PROJECT:RESOURCE:ACTION[,ACTION...], such as p:repository:pull,push (repeatable).")
               List<String> grants,
               @Option(names = "--days", defaultValue = "30", description = "Days it stays valid; -1: never (default: ${DEFAULT-VALUE}).")
               long days,
               @Option(names = "--description", defaultValue = "") String description) {
        return admin.run(api -> {
            ObjectNode body = ApiClient.JSON.createObjectNode().put("name", name).put("description", description)
                    .put("duration", days).put("level", project == null ? "system" : "project");
            body.set("permissions", GrantSpec.permissions(grants, project));
            JsonNode created = ApiClient.json(api.post("/robots", body));
            if (admin.json()) {
                admin.print(created);
                return;
            }
            admin.terminal().out().println("name: " + created.path("name").asText());
            admin.terminal().out().println("secret: " + created.path("secret").asText());
            admin.terminal().out().println("expires: " + expiry(created.path("expires_at").asLong()));
        });
    }

    @Command(name = "rotate", description = "Give a robot a new random secret (printed once); the old one stops working.")
    int rotate(@Parameters(paramLabel = "NAME") String name) {
        return admin.run(api -> {
            JsonNode rotated = api.patch(path(name), ApiClient.JSON.createObjectNode());
            admin.terminal().out().println("secret: " + rotated.path("secret").asText());
        });
    }

    @Command(name = "disable", description = "Stop a robot from signing in.")
    int disable(@Parameters(paramLabel = "NAME") String name) {
        return setDisabled(name, true);
    }

    @Command(name = "enable", description = "Let a disabled robot sign in again.")
    int enable(@Parameters(paramLabel = "NAME") String name) {
        return setDisabled(name, false);
    }

    @Command(name = "delete", description = "Delete a robot.")
    int delete(@Parameters(paramLabel = "NAME") String name) {
        return admin.run(api -> {
            api.delete(path(name));
            admin.terminal().out().println("deleted " + name);
        });
    }

    private int setDisabled(String name, boolean disabled) {
        return admin.run(api -> {
            api.put(path(name), ApiClient.JSON.createObjectNode().put("disable", disabled));
            admin.terminal().out().println((disabled ? "disabled " : "enabled ") + name);
        });
    }

    private static String path(String name) {
        return "/robots/" + ApiClient.segment(name);
    }

    private static String expiry(long epochSeconds) {
        return epochSeconds < 0 ? "never" : Instant.ofEpochSecond(epochSeconds).toString();
    }

    private static String grants(JsonNode robot) {
        List<String> out = new ArrayList<>();
        for (JsonNode p : robot.path("permissions")) {
            List<String> access = new ArrayList<>();
            p.path("access").forEach(a -> access.add(a.path("resource").asText() + ":" + a.path("action").asText()));
            out.add(p.path("namespace").asText() + "=" + String.join(",", access));
        }
        return String.join(" ", out);
    }
}
