package io.flotilla.node.access;

import java.util.Locale;

/**
 * Harbor's project roles, with Harbor's numeric ids (its API speaks in {@code role_id}) and names. Ordered
 * from most to least powerful, so that a caller holding several roles (directly and through groups) keeps the
 * strongest.
 */
public enum Role {
    PROJECT_ADMIN(1, "projectAdmin"),
    MAINTAINER(4, "maintainer"),
    DEVELOPER(2, "developer"),
    GUEST(3, "guest"),
    LIMITED_GUEST(5, "limitedGuest");

    private final int harborId;
    private final String harborName;

    Role(int harborId, String harborName) {
        this.harborId = harborId;
        this.harborName = harborName;
    }

    public int harborId() {
        return harborId;
    }

    public String harborName() {
        return harborName;
    }

    /** The stronger of two roles; null counts as no role. */
    public static Role strongest(Role a, Role b) {
        if (a == null) {
            return b;
        }
        return b == null || a.ordinal() <= b.ordinal() ? a : b;
    }

    public static Role ofHarborId(int id) {
        for (Role role : values()) {
            if (role.harborId == id) {
                return role;
            }
        }
        throw new IllegalArgumentException("no role has id " + id);
    }

    /** Accepts Harbor's names ({@code projectAdmin}) and this enum's ({@code PROJECT_ADMIN}), in any case. */
    public static Role parse(String name) {
        String wanted = name == null ? "" : name.replace("_", "").replace("-", "").toLowerCase(Locale.ROOT);
        for (Role role : values()) {
            if (role.harborName.toLowerCase(Locale.ROOT).equals(wanted)) {
                return role;
            }
        }
        throw new IllegalArgumentException("unknown role " + name
                + " (projectAdmin, maintainer, developer, guest or limitedGuest)");
    }
}
