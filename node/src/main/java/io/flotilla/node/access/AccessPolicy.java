package io.flotilla.node.access;

import io.flotilla.model.RepositoryName;

import java.time.Clock;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * The one place that decides what a caller may do in a project. A system admin may do everything, including
 * pushing to a project that does not exist yet (which creates it, private). Anyone else needs the project to
 * exist, and then holds the permissions of its role there, or of its robot grants; a public project adds pull,
 * list and read for everyone, anonymous callers included.
 */
public final class AccessPolicy {

    private static final Set<Permission> PUBLIC = EnumSet.of(Permission.REPOSITORY_PULL, Permission.REPOSITORY_LIST,
            Permission.PROJECT_READ);

    private final Projects projects;
    private final Members members;
    private final Clock clock;

    public AccessPolicy(Projects projects, Members members, Clock clock) {
        this.projects = projects;
        this.members = members;
        this.clock = clock;
    }

    public Projects projects() {
        return projects;
    }

    /** Every permission the caller holds in {@code project}. */
    public Set<Permission> permissions(Caller caller, String project) {
        if (caller.systemAdmin()) {
            return EnumSet.allOf(Permission.class);
        }
        Optional<Project> found = projects.find(project);
        if (found.isEmpty()) {
            return Set.of();
        }
        EnumSet<Permission> held = EnumSet.noneOf(Permission.class);
        if (found.get().isPublic()) {
            held.addAll(PUBLIC);
        }
        switch (caller.kind()) {
            case USER -> members.roleOf(project, caller).ifPresent(role -> held.addAll(RolePermissions.of(role)));
            case ROBOT -> {
                RobotAccount robot = caller.robot();
                if (robot.usableAt(clock.instant())) {
                    for (Permission p : Permission.values()) {
                        if (robot.allows(project, p)) {
                            held.add(p);
                        }
                    }
                }
            }
            case ANONYMOUS -> {
                // Only what a public project gives everyone.
            }
        }
        return held;
    }

    public boolean allows(Caller caller, String project, Permission permission) {
        return permissions(caller, project).contains(permission);
    }

    public boolean allows(Caller caller, RepositoryName repo, Permission permission) {
        return allows(caller, projects.projectOf(repo), permission);
    }

    /** The Docker actions ({@code pull}, {@code push}, {@code delete}) the caller holds on a repository. */
    public Set<String> repositoryActions(Caller caller, RepositoryName repo) {
        Set<Permission> held = permissions(caller, projects.projectOf(repo));
        Set<String> actions = new java.util.TreeSet<>();
        if (held.contains(Permission.REPOSITORY_PULL)) {
            actions.add("pull");
        }
        if (held.contains(Permission.REPOSITORY_PUSH)) {
            actions.add("push");
        }
        if (held.contains(Permission.REPOSITORY_DELETE)) {
            actions.add("delete");
        }
        return actions;
    }
}
