package io.flotilla.node.access;

import java.time.Instant;
import java.util.Objects;

/**
 * A role held in a project (kind {@code members}, keyed by {@link #keyOf}) by a user, or by every member of
 * a directory group (an LDAP group or an OIDC groups claim).
 *
 * @param type {@code u} for a user, {@code g} for a group, as in Harbor's {@code entity_type}
 */
public record Member(String project, String type, String name, Role role, Instant createdAt) {

    public static final String USER = "u";
    public static final String GROUP = "g";

    public Member {
        Objects.requireNonNull(project, "project");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(role, "role");
        if (!USER.equals(type) && !GROUP.equals(type)) {
            throw new IllegalArgumentException("member type is u (user) or g (group): " + type);
        }
    }

    /** {@code project/u:name}: members of a project share its prefix, so listing them is one range read. */
    public static String keyOf(String project, String type, String name) {
        String who = USER.equals(type) ? UserAccount.keyOf(name) : name;
        return project + "/" + type + ":" + who;
    }

    public static String prefixOf(String project) {
        return project + "/";
    }

    public String key() {
        return keyOf(project, type, name);
    }
}
