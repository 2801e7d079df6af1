package io.flotilla.node.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flotilla.node.access.Role;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code flotilla admin members list|add|remove}. */
@Command(name = "members", mixinStandardHelpOptions = true, description = "Who holds which role in a project.")
final class MembersCommand {

    @ParentCommand
    AdminCommand admin;

    @Command(name = "list", description = "List a project's members.")
    int list(@Parameters(paramLabel = "PROJECT") String project) {
        return admin.run(api -> {
            JsonNode members = api.getAll(path(project));
            if (admin.json()) {
                admin.print(members);
                return;
            }
            Table table = new Table("TYPE", "NAME", "ROLE");
            members.forEach(m -> table.row(m.path("entity_type").asText().equals("g") ? "group" : "user",
                    m.path("entity_name").asText(), m.path("role_name").asText()));
            table.print(admin.terminal().out());
        });
    }

    @Command(name = "add", description = "Give a user (or, with --group, a directory group) a role in a project. "
            + "ROLE: projectAdmin, maintainer, developer, guest, limitedGuest, or Harbor's role id.")
    int add(@Parameters(paramLabel = "PROJECT") String project,
            @Parameters(paramLabel = "USER_OR_GROUP") String name,
            @Parameters(paramLabel = "ROLE") String role,
            @Option(names = "--group", description = "NAME is a directory group.") boolean group) {
        return admin.run(api -> {
            Role chosen = role(role);
            ObjectNode body = ApiClient.JSON.createObjectNode().put("role_id", chosen.harborId());
            if (group) {
                body.putObject("member_group").put("group_name", name);
            } else {
                body.putObject("member_user").put("username", name);
            }
            api.post(path(project), body);
            admin.terminal().out().println((group ? "group " : "user ") + name + " is " + chosen.harborName()
                    + " in " + project);
        });
    }

    @Command(name = "remove", description = "Take a user's (or group's) role in a project away.")
    int remove(@Parameters(paramLabel = "PROJECT") String project,
               @Parameters(paramLabel = "USER_OR_GROUP") String name,
               @Option(names = "--group", description = "NAME is a directory group.") boolean group) {
        return admin.run(api -> {
            api.delete(path(project) + "/" + ApiClient.segment((group ? "g:" : "u:") + name));
            admin.terminal().out().println("removed " + (group ? "group " : "user ") + name + " from " + project);
        });
    }

    private static String path(String project) {
        return "/projects/" + ApiClient.segment(project) + "/members";
    }

    static Role role(String text) {
        try {
            return text.chars().allMatch(Character::isDigit) && !text.isEmpty()
                    ? Role.ofHarborId(Integer.parseInt(text)) : Role.parse(text);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }
}
