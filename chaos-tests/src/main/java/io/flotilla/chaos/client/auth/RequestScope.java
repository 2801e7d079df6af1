package io.flotilla.chaos.client.auth;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The token scope a registry request needs, spelled as the registry's challenge spells it, so a client can pick
 * (or fetch) the right token before it sends, as Docker clients do, instead of meeting a 401 on every request.
 * Pulls need {@code pull}; uploads and manifest PUTs {@code pull,push}; DELETEs {@code delete}; the catalog
 * {@code registry:catalog:*}; {@code /v2/} only a signed-in caller (the empty scope).
 */
final class RequestScope {

    private static final Pattern REPO_ROUTE = Pattern.compile(
            "/v2/(.+?)/(blobs/uploads(?:/.*)?|blobs/[^/]+|manifests/[^/]+|tags/list|referrers/[^/]+)");

    private RequestScope() {
    }

    /**
     * The scope of {@code method} on {@code rawPath}; empty for paths outside {@code /v2} (anonymous) and for
     * {@code /v2} paths it does not know (the registry's challenge then says).
     */
    static Optional<String> of(String method, String rawPath) {
        if (rawPath.equals("/v2") || rawPath.equals("/v2/")) {
            return Optional.of("");
        }
        if (rawPath.equals("/v2/_catalog")) {
            return Optional.of("registry:catalog:*");
        }
        Matcher m = REPO_ROUTE.matcher(rawPath);
        if (!m.matches()) {
            return Optional.empty();
        }
        String route = m.group(2);
        String actions;
        if (route.startsWith("blobs/uploads")) {
            actions = "pull,push";
        } else if (method.equals("DELETE")) {
            actions = "delete";
        } else if (method.equals("PUT") && route.startsWith("manifests/")) {
            actions = "pull,push";
        } else {
            actions = "pull";
        }
        return Optional.of("repository:" + m.group(1) + ":" + actions);
    }
}
