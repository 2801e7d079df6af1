package io.flotilla.node.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.util.Arrays;

/** {@code flotilla admin users list|create|delete|passwd}. */
@Command(name = "users", mixinStandardHelpOptions = true, description = "Local and directory user accounts.")
final class UsersCommand {

    @ParentCommand
    AdminCommand admin;

    @Command(name = "list", description = "List every user.")
    int list() {
        return admin.run(api -> {
            JsonNode users = api.getAll("/users");
            if (admin.json()) {
                admin.print(users);
                return;
            }
            Table table = new Table("USERNAME", "SOURCE", "ADMIN", "EMAIL", "REAL NAME", "CREATED");
            users.forEach(u -> table.row(u.path("username").asText(), u.path("auth_source").asText(),
                    u.path("sysadmin_flag").asBoolean() ? "yes" : "", u.path("email").asText(),
                    u.path("realname").asText(), u.path("creation_time").asText()));
            table.print(admin.terminal().out());
        });
    }

    @Command(name = "create", description = "Create a local user. The password is typed twice on a console, read "
            + "from the next line of standard input, or generated (--generate) and printed once.")
    int create(@Parameters(paramLabel = "NAME") String name,
               @Option(names = "--email", defaultValue = "") String email,
               @Option(names = "--realname", defaultValue = "") String realname,
               @Option(names = "--admin", description = "Make the user a system admin.") boolean sysadmin,
               @Option(names = "--generate", description = "Generate the password and print it.") boolean generate) {
        return admin.run(api -> {
            NewPassword.Chosen chosen = NewPassword.choose(admin.terminal(), generate, name);
            try {
                ObjectNode body = ApiClient.JSON.createObjectNode().put("username", name)
                        .put("password", new String(chosen.password())).put("email", email).put("realname", realname);
                api.post("/users", body);
                if (sysadmin) {
                    api.put("/users/" + ApiClient.segment(name) + "/sysadmin",
                            ApiClient.JSON.createObjectNode().put("sysadmin_flag", true));
                }
                admin.terminal().out().println("created user " + name + (sysadmin ? " (system admin)" : ""));
                if (chosen.generated()) {
                    admin.terminal().out().println("password: " + new String(chosen.password()));
                }
            } finally {
                Arrays.fill(chosen.password(), '\0');
            }
        });
    }

    @Command(name = "delete", description = "Delete a user and its project memberships.")
    int delete(@Parameters(paramLabel = "NAME") String name) {
        return admin.run(api -> {
            api.delete("/users/" + ApiClient.segment(name));
            admin.terminal().out().println("deleted user " + name);
        });
    }

    @Command(name = "passwd", description = "Set a local user's password (for yourself, your current one is sent "
            + "as the old one).")
    int passwd(@Parameters(paramLabel = "NAME") String name,
               @Option(names = "--generate", description = "Generate the password and print it.") boolean generate) {
        return admin.run(api -> {
            ObjectNode body = ApiClient.JSON.createObjectNode();
            if (name.equalsIgnoreCase(admin.user())) {
                char[] own = admin.password();
                body.put("old_password", new String(own));
                Arrays.fill(own, '\0');
            }
            NewPassword.Chosen chosen = NewPassword.choose(admin.terminal(), generate, name);
            body.put("new_password", new String(chosen.password()));
            api.put("/users/" + ApiClient.segment(name) + "/password", body);
            admin.terminal().out().println("changed the password of " + name);
            if (chosen.generated()) {
                admin.terminal().out().println("password: " + new String(chosen.password()));
            }
            Arrays.fill(chosen.password(), '\0');
        });
    }
}
