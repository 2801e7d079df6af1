package io.flotilla.node.access;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A user as stored (kind {@code users}, keyed by {@link #keyOf} the name). Local users carry a password hash;
 * LDAP and OIDC users are recorded at their first login, with the groups their directory last reported, and
 * OIDC users carry the hash of their CLI secret (their password for docker and podman, as in Harbor).
 *
 * @param source {@code local}, {@code ldap} or {@code oidc}
 */
public record UserAccount(String name, String source, String passwordHash, String cliSecretHash, String email,
                          String displayName, boolean systemAdmin, boolean disabled, List<String> groups,
                          Instant createdAt, Instant updatedAt) {

    public static final String LOCAL = "local";
    public static final String LDAP = "ldap";
    public static final String OIDC = "oidc";

    public UserAccount {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(source, "source");
        email = Objects.requireNonNullElse(email, "");
        displayName = Objects.requireNonNullElse(displayName, "");
        groups = groups == null ? List.of() : List.copyOf(groups);
    }

    /** User names compare without case, as LDAP and AD do; the key is the lower-cased name. */
    public static String keyOf(String name) {
        return name.toLowerCase(java.util.Locale.ROOT);
    }

    public Caller caller() {
        return Caller.user(name, systemAdmin, groups);
    }

    public UserAccount withPasswordHash(String hash, Instant now) {
        return new UserAccount(name, source, hash, cliSecretHash, email, displayName, systemAdmin, disabled, groups,
                createdAt, now);
    }

    public UserAccount withCliSecretHash(String hash, Instant now) {
        return new UserAccount(name, source, passwordHash, hash, email, displayName, systemAdmin, disabled, groups,
                createdAt, now);
    }

    public UserAccount withAdmin(boolean admin, Instant now) {
        return new UserAccount(name, source, passwordHash, cliSecretHash, email, displayName, admin, disabled, groups,
                createdAt, now);
    }

    public UserAccount withDisabled(boolean off, Instant now) {
        return new UserAccount(name, source, passwordHash, cliSecretHash, email, displayName, systemAdmin, off, groups,
                createdAt, now);
    }

    public UserAccount withDirectory(String newEmail, String newDisplayName, List<String> newGroups, Instant now) {
        return new UserAccount(name, source, passwordHash, cliSecretHash, newEmail, newDisplayName, systemAdmin,
                disabled, newGroups, createdAt, now);
    }
}
