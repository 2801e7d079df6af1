package io.flotilla.node.access;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A robot account (kind {@code robots}, keyed by its full name): a machine credential with explicit
 * permissions, an expiry and a secret that can be rotated. Named as Harbor names them: {@code robot$name} for a
 * system robot, {@code robot$project+name} for a project robot.
 *
 * @param level       {@code system} or {@code project}
 * @param project     the project of a project robot, empty for a system robot
 * @param permissions what it may do, per project ({@code *} for every project, system robots only)
 * @param expiresAt   null for never
 */
public record RobotAccount(String name, String level, String project, String description, String secretHash,
                           List<Grant> permissions, Instant expiresAt, boolean disabled, Instant createdAt,
                           Instant updatedAt) {

    public static final String PREFIX = "robot$";
    public static final String SYSTEM = "system";
    public static final String PROJECT = "project";

    /** Permissions in one namespace: a project name, or {@code *} for all. */
    public record Grant(String namespace, Set<Permission> access) {
        public Grant {
            Objects.requireNonNull(namespace, "namespace");
            access = Set.copyOf(access);
        }

        boolean covers(String project) {
            return namespace.equals("*") || namespace.equals(project);
        }
    }

    public RobotAccount {
        Objects.requireNonNull(name, "name");
        project = Objects.requireNonNullElse(project, "");
        description = Objects.requireNonNullElse(description, "");
        permissions = List.copyOf(permissions);
        if (!name.startsWith(PREFIX)) {
            throw new IllegalArgumentException("robot names start with " + PREFIX + ": " + name);
        }
        if (PROJECT.equals(level)) {
            for (Grant g : permissions) {
                if (!g.namespace().equals(project)) {
                    throw new IllegalArgumentException("a project robot is granted only its own project " + project);
                }
            }
        } else if (!SYSTEM.equals(level)) {
            throw new IllegalArgumentException("robot level is system or project: " + level);
        }
    }

    /** The full name of a robot: {@code robot$name} or {@code robot$project+name}. */
    public static String fullName(String level, String project, String shortName) {
        return PROJECT.equals(level) ? PREFIX + project + "+" + shortName : PREFIX + shortName;
    }

    public boolean allows(String project, Permission permission) {
        for (Grant g : permissions) {
            if (g.covers(project) && g.access().contains(permission)) {
                return true;
            }
        }
        return false;
    }

    public boolean usableAt(Instant now) {
        return !disabled && (expiresAt == null || now.isBefore(expiresAt));
    }

    public RobotAccount withSecretHash(String hash, Instant now) {
        return new RobotAccount(name, level, project, description, hash, permissions, expiresAt, disabled, createdAt,
                now);
    }

    public RobotAccount withDisabled(boolean off, Instant now) {
        return new RobotAccount(name, level, project, description, secretHash, permissions, expiresAt, off, createdAt,
                now);
    }
}
