package io.flotilla.node.auth;

import java.util.List;
import java.util.Objects;

/**
 * A user as an external directory (LDAP, Active Directory, an OIDC provider) vouches for them.
 *
 * @param username    the directory's own spelling of the login name
 * @param email       empty when the directory holds none
 * @param displayName empty when the directory holds none
 * @param groups      the names of the groups the user is in
 */
public record DirectoryIdentity(String username, String email, String displayName, List<String> groups) {
    public DirectoryIdentity {
        Objects.requireNonNull(username, "username");
        email = email == null ? "" : email;
        displayName = displayName == null ? "" : displayName;
        groups = List.copyOf(groups);
    }
}
