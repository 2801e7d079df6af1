package io.flotilla.node.auth;

import io.flotilla.node.access.UserAccount;
import io.flotilla.node.access.Users;

import java.time.Instant;
import java.util.Optional;

/** Records a directory user (LDAP or OIDC) at each login: created the first time, its groups refreshed after. */
public final class DirectoryAccounts {

    private DirectoryAccounts() {
    }

    public static UserAccount record(Users users, String source, DirectoryIdentity id) {
        Instant now = users.clock().instant();
        for (int attempt = 0; attempt < 3; attempt++) {
            Optional<UserAccount> existing = users.read(id.username());
            if (existing.isPresent()) {
                if (!existing.get().source().equals(source)) {
                    // A local account of the same name is not taken over by a directory login.
                    throw LoginFailedException.wrongCredentials();
                }
                return users.update(id.username(), a -> a.withDirectory(id.email(), id.displayName(), id.groups(), now));
            }
            UserAccount fresh = new UserAccount(id.username(), source, null, null, id.email(), id.displayName(),
                    false, false, id.groups(), now, now);
            if (users.create(fresh)) {
                return fresh;
            }
        }
        throw new IllegalStateException("could not record directory user " + id.username());
    }
}
