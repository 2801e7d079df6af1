package io.flotilla.node.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flotilla.node.access.Role;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code flotilla admin projects list|create|delete}. */
@Command(name = "projects", mixinStandardHelpOptions = true, description = "Projects: the first segment of repository names.")
final class ProjectsCommand {

    @ParentCommand
    AdminCommand admin;

    @Command(name = "list", description = "List the projects you may see.")
    int list() {
        return admin.run(api -> {
            JsonNode projects = api.getAll("/projects");
            if (admin.json()) {
                admin.print(projects);
                return;
            }
            Table table = new Table("NAME", "PUBLIC", "OWNER", "YOUR ROLE", "CREATED");
            projects.forEach(p -> table.row(p.path("name").asText(), p.path("metadata").path("public").asText(),
                    p.path("owner_name").asText(), roleName(p.path("current_user_role_id").asInt()),
                    p.path("creation_time").asText()));
            table.print(admin.terminal().out());
        });
    }

    @Command(name = "create", description = "Create a project (private unless --public); you become its project admin.")
    int create(@Parameters(paramLabel = "NAME") String name,
               @Option(names = "--public", description = "Anyone may pull from it.") boolean open) {
        return admin.run(api -> {
            ObjectNode body = ApiClient.JSON.createObjectNode().put("project_name", name);
            body.putObject("metadata").put("public", Boolean.toString(open));
            api.post("/projects", body);
            admin.terminal().out().println("created project " + name + (open ? " (public)" : ""));
        });
    }

    @Command(name = "delete", description = "Delete a project with no tagged images, its members and its robots.")
    int delete(@Parameters(paramLabel = "NAME") String name) {
        return admin.run(api -> {
            api.delete("/projects/" + ApiClient.segment(name));
            admin.terminal().out().println("deleted project " + name);
        });
    }

    static String roleName(int harborId) {
        try {
            return harborId == 0 ? "" : Role.ofHarborId(harborId).harborName();
        } catch (IllegalArgumentException unknown) {
            return Integer.toString(harborId);
        }
    }
}
