package io.flotilla.node.access;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import static io.flotilla.node.access.Permission.LOG_LIST;
import static io.flotilla.node.access.Permission.MEMBER_CREATE;
import static io.flotilla.node.access.Permission.MEMBER_DELETE;
import static io.flotilla.node.access.Permission.MEMBER_LIST;
import static io.flotilla.node.access.Permission.MEMBER_UPDATE;
import static io.flotilla.node.access.Permission.PROJECT_DELETE;
import static io.flotilla.node.access.Permission.PROJECT_READ;
import static io.flotilla.node.access.Permission.PROJECT_UPDATE;
import static io.flotilla.node.access.Permission.REPOSITORY_DELETE;
import static io.flotilla.node.access.Permission.REPOSITORY_LIST;
import static io.flotilla.node.access.Permission.REPOSITORY_PULL;
import static io.flotilla.node.access.Permission.REPOSITORY_PUSH;
import static io.flotilla.node.access.Permission.ROBOT_CREATE;
import static io.flotilla.node.access.Permission.ROBOT_DELETE;
import static io.flotilla.node.access.Permission.ROBOT_LIST;
import static io.flotilla.node.access.Permission.ROBOT_UPDATE;

/**
 * The one table of what each project role may do (docs/access-control.md prints it). It follows Harbor's:
 * a guest pulls and reads; a limited guest only pulls; a developer also pushes; a maintainer also deletes and
 * sees robots; a project admin also manages members, robots and the project itself.
 */
public final class RolePermissions {

    private static final Map<Role, Set<Permission>> TABLE = new EnumMap<>(Role.class);

    static {
        Set<Permission> limitedGuest = EnumSet.of(PROJECT_READ, REPOSITORY_PULL, REPOSITORY_LIST);
        Set<Permission> guest = union(limitedGuest, EnumSet.of(MEMBER_LIST, LOG_LIST));
        Set<Permission> developer = union(guest, EnumSet.of(REPOSITORY_PUSH));
        Set<Permission> maintainer = union(developer, EnumSet.of(REPOSITORY_DELETE, ROBOT_LIST));
        Set<Permission> projectAdmin = union(maintainer, EnumSet.of(PROJECT_UPDATE, PROJECT_DELETE,
                MEMBER_CREATE, MEMBER_UPDATE, MEMBER_DELETE, ROBOT_CREATE, ROBOT_UPDATE, ROBOT_DELETE));
        TABLE.put(Role.LIMITED_GUEST, limitedGuest);
        TABLE.put(Role.GUEST, guest);
        TABLE.put(Role.DEVELOPER, developer);
        TABLE.put(Role.MAINTAINER, maintainer);
        TABLE.put(Role.PROJECT_ADMIN, projectAdmin);
    }

    private RolePermissions() {
    }

    public static Set<Permission> of(Role role) {
        return role == null ? Set.of() : TABLE.get(role);
    }

    public static boolean allows(Role role, Permission permission) {
        return of(role).contains(permission);
    }

    private static Set<Permission> union(Set<Permission> base, Set<Permission> more) {
        EnumSet<Permission> all = EnumSet.copyOf(base);
        all.addAll(more);
        return Collections.unmodifiableSet(all);
    }
}
