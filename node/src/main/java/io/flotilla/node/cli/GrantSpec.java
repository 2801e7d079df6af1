package io.flotilla.node.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code --grant} values of {@code robots create}: {@code PROJECT:RESOURCE:ACTION[,ACTION...]} (PROJECT may be
 * {@code *} for a system robot), or {@code RESOURCE:ACTION[,...]} for the robot's own {@code --project}; turned
 * into the API's {@code permissions} array, one entry per project. The node checks the names.
 */
final class GrantSpec {

    private GrantSpec() {
    }

    static ArrayNode permissions(List<String> specs, String defaultProject) {
        Map<String, ArrayNode> byProject = new LinkedHashMap<>();
        for (String spec : specs) {
            String[] parts = spec.split(":", -1);
            String project;
            String resource;
            String actions;
            if (parts.length == 3) {
                project = parts[0];
                resource = parts[1];
                actions = parts[2];
            } else if (parts.length == 2 && defaultProject != null) {
                project = defaultProject;
                resource = parts[0];
                actions = parts[1];
            } else {
                throw new UsageException("--grant is PROJECT:RESOURCE:ACTION[,ACTION...] (or RESOURCE:ACTION[,...] with "
                        + "--project), such as myproject:repository:pull,push; not " + spec);
            }
            ArrayNode access = byProject.computeIfAbsent(project, p -> ApiClient.JSON.createArrayNode());
            for (String action : actions.split(",")) {
                if (action.isBlank()) {
                    throw new UsageException("--grant " + spec + " names an empty action");
                }
                access.addObject().put("resource", resource).put("action", action.strip());
            }
        }
        if (byProject.isEmpty()) {
            throw new UsageException("a robot needs at least one --grant");
        }
        ArrayNode permissions = ApiClient.JSON.createArrayNode();
        byProject.forEach((project, access) -> {
            ObjectNode entry = permissions.addObject();
            entry.put("kind", "project").put("namespace", project);
            entry.set("access", access);
        });
        return permissions;
    }
}
