package io.flotilla.node.auth.http;

import io.flotilla.node.http.Urls;

import java.util.Map;

/** The {@code WWW-Authenticate: Bearer …} challenge that sends Docker clients to the token endpoint. */
public final class Challenge {

    private final Urls urls;
    private final String service;

    public Challenge(Urls urls, String service) {
        this.urls = urls;
        this.service = service;
    }

    /**
     * @param scope the scope the client should ask for, or null
     * @param error {@code invalid_token} or {@code insufficient_scope} (RFC 6750), or null
     */
    public Map<String, String> header(String host, String scope, String error) {
        StringBuilder value = new StringBuilder("Bearer realm=\"").append(urls.tokenRealm(host))
                .append("\",service=\"").append(service).append('"');
        if (scope != null) {
            value.append(",scope=\"").append(scope).append('"');
        }
        if (error != null) {
            value.append(",error=\"").append(error).append('"');
        }
        return Map.of("WWW-Authenticate", value.toString());
    }
}
