package io.flotilla.node.access;

import java.util.Locale;

/**
 * A resource and an action within a project, named as Harbor's RBAC names them ({@code repository:pull}). Roles
 * and robot accounts are granted sets of these; {@link RolePermissions} holds the table.
 */
public enum Permission {
    REPOSITORY_PULL("repository", "pull"),
    REPOSITORY_PUSH("repository", "push"),
    REPOSITORY_DELETE("repository", "delete"),
    REPOSITORY_LIST("repository", "list"),
    PROJECT_READ("project", "read"),
    PROJECT_UPDATE("project", "update"),
    PROJECT_DELETE("project", "delete"),
    MEMBER_LIST("member", "list"),
    MEMBER_CREATE("member", "create"),
    MEMBER_UPDATE("member", "update"),
    MEMBER_DELETE("member", "delete"),
    ROBOT_LIST("robot", "list"),
    ROBOT_CREATE("robot", "create"),
    ROBOT_UPDATE("robot", "update"),
    ROBOT_DELETE("robot", "delete"),
    LOG_LIST("log", "list");

    private final String resource;
    private final String action;

    Permission(String resource, String action) {
        this.resource = resource;
        this.action = action;
    }

    public String resource() {
        return resource;
    }

    public String action() {
        return action;
    }

    public static Permission of(String resource, String action) {
        for (Permission p : values()) {
            if (p.resource.equals(resource) && p.action.equals(action)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown permission " + resource + ":" + action);
    }

    @Override
    public String toString() {
        return resource + ":" + action;
    }

    /** The permission a Docker scope action asks for on a repository: pull, push, delete or {@code *}. */
    public static Permission forRepositoryAction(String action) {
        return switch (action.toLowerCase(Locale.ROOT)) {
            case "pull" -> REPOSITORY_PULL;
            case "push" -> REPOSITORY_PUSH;
            case "delete" -> REPOSITORY_DELETE;
            default -> throw new IllegalArgumentException("unknown repository action " + action);
        };
    }
}
