package io.flotilla.node.api;

import io.flotilla.node.access.Permission;
import io.flotilla.node.access.Project;
import io.flotilla.node.access.Projects;
import io.flotilla.node.auth.http.Authenticated;

/**
 * The project a request names, if the caller holds the permission there. The permission is checked first:
 * only a caller who could act on the project learns whether it exists (404), anyone else gets 403.
 */
final class ProjectGuard {

    private final Projects projects;

    ProjectGuard(Projects projects) {
        this.projects = projects;
    }

    Project require(Authenticated who, String name, Permission permission) {
        if (!who.holds(name, permission)) {
            throw ApiAnswers.denied("you may not " + permission.action() + " " + permission.resource()
                    + (permission.resource().equals("project") ? " " : "s of project ") + name);
        }
        return projects.read(name).map(io.flotilla.storage.spi.Versioned::value)
                .orElseThrow(() -> ApiAnswers.notFound("project", name));
    }
}
