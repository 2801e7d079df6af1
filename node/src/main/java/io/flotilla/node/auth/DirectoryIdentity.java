package io.flotilla.node.auth;

import java.util.List;
import java.util.Objects;

public record DirectoryIdentity(String username, String email, String displayName, List<String> groups) {
    public DirectoryIdentity {
        Objects.requireNonNull(username, "username");
        email = email == null ? "" : email;
        displayName = displayName == null ? "" : displayName;
        groups = List.copyOf(groups);
    }
}
