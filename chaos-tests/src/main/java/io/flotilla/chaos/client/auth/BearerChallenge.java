package io.flotilla.chaos.client.auth;

import java.net.URI;
import java.net.http.HttpHeaders;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A {@code WWW-Authenticate: Bearer realm="…",service="…",scope="…",error="…"} challenge (Docker token auth,
 * RFC 6750): where to fetch a token, for which service, and which scope the refused request needed.
 *
 * @param scope the challenged scope, such as {@code repository:a/b:pull,push}; empty when the request needed
 *              only a signed-in caller ({@code GET /v2/}), which a token without grants proves
 * @param error {@code invalid_token} or {@code insufficient_scope} when a token was refused, else empty
 */
public record BearerChallenge(URI realm, String service, String scope, String error) {

    /** The first Bearer challenge with a realm among the response's headers, if any. */
    public static Optional<BearerChallenge> of(HttpHeaders headers) {
        return headers.allValues("WWW-Authenticate").stream()
                .map(BearerChallenge::parse).flatMap(Optional::stream).findFirst();
    }

    /** The challenge in one header value; empty for another scheme (Basic) or a Bearer challenge without realm. */
    public static Optional<BearerChallenge> parse(String header) {
        String value = header.strip();
        if (value.length() < 7 || !value.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        Map<String, String> params = params(value.substring(7));
        String realm = params.get("realm");
        if (realm == null || realm.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new BearerChallenge(URI.create(realm), params.getOrDefault("service", ""),
                    params.getOrDefault("scope", ""), params.getOrDefault("error", "")));
        } catch (IllegalArgumentException badRealm) {
            return Optional.empty();
        }
    }

    /** {@code key=value} or {@code key="quoted, maybe with commas and \" escapes"}, comma separated. */
    private static Map<String, String> params(String text) {
        Map<String, String> params = new HashMap<>();
        int i = 0;
        int n = text.length();
        while (i < n) {
            while (i < n && (text.charAt(i) == ',' || text.charAt(i) == ' ')) {
                i++;
            }
            int eq = text.indexOf('=', i);
            if (eq < 0) {
                break;
            }
            String key = text.substring(i, eq).strip().toLowerCase(java.util.Locale.ROOT);
            i = eq + 1;
            StringBuilder value = new StringBuilder();
            if (i < n && text.charAt(i) == '"') {
                for (i++; i < n && text.charAt(i) != '"'; i++) {
                    if (text.charAt(i) == '\\' && i + 1 < n) {
                        i++;
                    }
                    value.append(text.charAt(i));
                }
                i++; // the closing quote
            } else {
                for (; i < n && text.charAt(i) != ','; i++) {
                    value.append(text.charAt(i));
                }
            }
            params.putIfAbsent(key, value.toString().strip());
        }
        return params;
    }
}
