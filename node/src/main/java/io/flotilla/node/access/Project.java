package io.flotilla.node.access;

import java.time.Instant;
import java.util.Objects;

/**
 * A project (kind {@code projects}, keyed by name): the first segment of its repositories' names. Anyone may
 * pull from a public project; a private one is visible to its members and system admins only.
 */
public record Project(String name, boolean isPublic, String owner, Instant createdAt, Instant updatedAt) {

    public Project {
        Objects.requireNonNull(name, "name");
        owner = Objects.requireNonNullElse(owner, "");
    }

    public Project withPublic(boolean open, Instant now) {
        return new Project(name, open, owner, createdAt, now);
    }
}
