package io.flotilla.node.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flotilla.node.access.Project;
import io.flotilla.node.access.Role;
import io.flotilla.node.http.Json;

/**
 * A project as Harbor's API shows one: its name stands in for the numeric {@code project_id}, and
 * {@code metadata.public} is the string Harbor uses ({@code public} is there too, as a boolean).
 */
final class ProjectJson {

    private ProjectJson() {
    }

    /** {@code role} is the caller's own role in the project, or null (Harbor's {@code current_user_role_id} 0). */
    static ObjectNode of(Project p, Role role) {
        ObjectNode o = Json.object();
        o.put("project_id", p.name());
        o.put("name", p.name());
        o.put("owner_name", p.owner());
        o.put("public", p.isPublic());
        o.putObject("metadata").put("public", Boolean.toString(p.isPublic()));
        o.put("creation_time", String.valueOf(p.createdAt()));
        o.put("update_time", String.valueOf(p.updatedAt()));
        o.put("current_user_role_id", role == null ? 0 : role.harborId());
        o.put("deleted", false);
        return o;
    }
}
