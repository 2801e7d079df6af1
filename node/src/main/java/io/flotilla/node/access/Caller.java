package io.flotilla.node.access;

import java.util.List;
import java.util.Objects;

/**
 * Who is asking, once authenticated: an anonymous caller, a user (local, LDAP or OIDC) with the directory
 * groups it belongs to, or a robot account with its explicit permissions.
 */
public record Caller(Kind kind, String name, boolean systemAdmin, List<String> groups, RobotAccount robot) {

    public enum Kind { ANONYMOUS, USER, ROBOT }

    public static final Caller ANONYMOUS = new Caller(Kind.ANONYMOUS, "anonymous", false, List.of(), null);

    public Caller {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        groups = List.copyOf(groups);
        if ((kind == Kind.ROBOT) != (robot != null)) {
            throw new IllegalArgumentException("a robot caller, and only one, carries its robot account");
        }
    }

    public static Caller user(String name, boolean systemAdmin, List<String> groups) {
        return new Caller(Kind.USER, name, systemAdmin, groups, null);
    }

    public static Caller robot(RobotAccount robot) {
        return new Caller(Kind.ROBOT, robot.name(), false, List.of(), robot);
    }

    public boolean anonymous() {
        return kind == Kind.ANONYMOUS;
    }
}
