package io.flotilla.node.auth.oidc;

import com.nimbusds.jwt.JWTClaimsSet;
import io.flotilla.node.auth.DirectoryIdentity;
import io.flotilla.node.auth.oidc.OidcLoginException.Reason;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns a verified ID token's claims into a {@link DirectoryIdentity}: the configured username claim, email,
 * name (or given and family name) and the configured groups claim. Keycloak sends group paths ("/devs") when
 * its mapper's "full path" is on; the leading '/' is dropped, so both settings give the same names.
 */
final class IdentityClaims {
    /** Longer than any real username or group name; a bound on what reaches the rest of the node. */
    static final int MAX_NAME_LENGTH = 256;
    /** The groups of one person; a token with more is a misconfigured mapper, not a person. */
    static final int MAX_GROUPS = 1000;

    private final String usernameClaim;
    private final String groupsClaim;

    IdentityClaims(String usernameClaim, String groupsClaim) {
        this.usernameClaim = usernameClaim;
        this.groupsClaim = groupsClaim;
    }

    DirectoryIdentity identity(JWTClaimsSet claims) {
        Object username = claims.getClaim(usernameClaim);
        if (!(username instanceof String name) || name.isBlank()) {
            throw new OidcLoginException(Reason.MISSING_CLAIM, "no " + usernameClaim + " in the ID token");
        }
        return new DirectoryIdentity(checkedName(usernameClaim, name), text(claims, "email"), displayName(claims),
                groups(claims));
    }

    private static String displayName(JWTClaimsSet claims) {
        String name = text(claims, "name");
        if (!name.isEmpty()) {
            return name;
        }
        return (text(claims, "given_name") + " " + text(claims, "family_name")).trim();
    }

    /** An optional text claim; absent or not a string both read as "". */
    private static String text(JWTClaimsSet claims, String claim) {
        return claims.getClaim(claim) instanceof String s ? s : "";
    }

    private List<String> groups(JWTClaimsSet claims) {
        Object value = claims.getClaim(groupsClaim);
        if (value == null) {
            return List.of();
        }
        List<?> items = value instanceof List<?> list ? list : List.of(value);
        if (items.size() > MAX_GROUPS) {
            throw new OidcLoginException(Reason.MALFORMED_TOKEN, items.size() + " groups in " + groupsClaim);
        }
        Set<String> names = new LinkedHashSet<>();
        for (Object item : items) {
            if (!(item instanceof String group)) {
                // Groups decide what a user may do: a claim of another shape is a mapper to fix, not to guess at.
                throw new OidcLoginException(Reason.MALFORMED_TOKEN, groupsClaim + " holds a non-string " + item);
            }
            String name = group.startsWith("/") ? group.substring(1) : group;
            if (!name.isBlank()) {
                names.add(checkedName(groupsClaim, name));
            }
        }
        return new ArrayList<>(names);
    }

    private static String checkedName(String claim, String name) {
        if (name.length() > MAX_NAME_LENGTH || name.chars().anyMatch(Character::isISOControl)) {
            throw new OidcLoginException(Reason.MALFORMED_TOKEN,
                    claim + " is longer than " + MAX_NAME_LENGTH + " characters or holds control characters");
        }
        return name;
    }
}
