package io.flotilla.chaos.client.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The client side of a Docker token endpoint: {@code GET <realm>?service=…&scope=…} with Basic credentials,
 * answering {@code {"token": …, "expires_in": …}}. A login (no scope) gets a token that only proves who the
 * caller is.
 */
final class TokenEndpoint {

    /** What the Docker token spec says to assume when {@code expires_in} is missing. */
    static final Duration DEFAULT_LIFETIME = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A token and how long it lives from now. */
    record Token(String token, Duration lifetime) {
        @Override
        public String toString() {
            return "Token[lifetime=" + lifetime + ", token hidden]";
        }
    }

    private TokenEndpoint() {
    }

    /** The URL a token for {@code scope} (empty: a login) is fetched from. */
    static URI url(BearerChallenge challenge, String scope) {
        StringBuilder query = new StringBuilder();
        if (!challenge.service().isEmpty()) {
            query.append("service=").append(URLEncoder.encode(challenge.service(), StandardCharsets.UTF_8));
        }
        if (!scope.isEmpty()) {
            query.append(query.isEmpty() ? "" : "&").append("scope=").append(URLEncoder.encode(scope, StandardCharsets.UTF_8));
        }
        String realm = challenge.realm().toString();
        if (query.isEmpty()) {
            return challenge.realm();
        }
        return URI.create(realm + (challenge.realm().getRawQuery() == null ? "?" : "&") + query);
    }

    /** Fetches a token; any failure is a {@link TokenFetchException}. */
    static Token fetch(HttpClient http, BearerChallenge challenge, String scope, Credentials credentials,
                       Duration timeout) throws InterruptedException {
        URI url = url(challenge, scope);
        String what = "token for '" + scope + "' from " + challenge.realm();
        HttpResponse<byte[]> res;
        try {
            res = http.send(HttpRequest.newBuilder(url).timeout(timeout)
                    .header("Authorization", credentials.basicAuthorization()).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new TokenFetchException(what + " not fetched", e);
        }
        if (res.statusCode() != 200) {
            String body = new String(res.body(), StandardCharsets.UTF_8);
            throw new TokenFetchException(what + ": " + res.statusCode() + " "
                    + (body.length() > 200 ? body.substring(0, 200) + "..." : body));
        }
        try {
            JsonNode json = JSON.readTree(res.body());
            String token = json.path("token").asText(json.path("access_token").asText(""));
            if (token.isEmpty()) {
                throw new TokenFetchException(what + ": the answer holds no token");
            }
            long expiresIn = json.path("expires_in").asLong(0);
            return new Token(token, expiresIn > 0 ? Duration.ofSeconds(expiresIn) : DEFAULT_LIFETIME);
        } catch (IOException e) {
            throw new TokenFetchException(what + ": the answer is not JSON", e);
        }
    }
}
