package io.flotilla.node.auth;

import java.util.Optional;

/**
 * A directory that checks passwords itself (LDAP, Active Directory). Empty means a wrong password or an
 * unknown user; an unreachable directory throws, so that it is answered 503 and not counted as a failed login.
 */
@FunctionalInterface
public interface PasswordDirectory {
    Optional<DirectoryIdentity> authenticate(String username, char[] password);
}
