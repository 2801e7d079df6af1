package io.flotilla.node.auth.oidc;

import java.util.regex.Pattern;

/**
 * The secret an OIDC user gives docker or podman instead of a password (as Harbor does): those clients can
 * only do Basic auth, and the user has no password here. 32 random bytes, base64url, behind a prefix that
 * makes a leaked one recognisable to secret scanners and to the login code, which can tell it from a
 * password without a lookup. Only its hash is stored; that is the password hasher's job.
 */
public final class CliSecret {
    public static final String PREFIX = "flotilla_cli_";
    private static final Pattern FORMAT = Pattern.compile(Pattern.quote(PREFIX) + "[A-Za-z0-9_-]{43}");

    private CliSecret() {
    }

    /** A new secret, shown to its user once. */
    public static String generate() {
        return PREFIX + RandomStrings.urlSafe(32);
    }

    /** True when {@code candidate} has the shape of a generated secret (which says nothing of its validity). */
    public static boolean looksLikeCliSecret(String candidate) {
        return candidate != null && FORMAT.matcher(candidate).matches();
    }
}
