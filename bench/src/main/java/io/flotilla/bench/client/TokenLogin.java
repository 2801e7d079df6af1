package io.flotilla.bench.client;

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
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Docker token auth: {@code GET /v2/} answers 401 with {@code WWW-Authenticate: Bearer realm="…",service="…"};
 * a token for a scope comes from {@code GET <realm>?service=…&scope=…} with Basic credentials. Each
 * {@link #headers} call fetches a new one, so every load row starts with a token good for its whole run
 * (tokens live minutes, a row seconds).
 */
final class TokenLogin implements RegistryLogin {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Pattern PARAM = Pattern.compile("(\\w+)=\"([^\"]*)\"");

    private final URI base;
    private final BenchCredentials credentials;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private volatile URI realm;
    private volatile String service;

    TokenLogin(URI base, BenchCredentials credentials) {
        this.base = base;
        this.credentials = credentials;
    }

    @Override
    public List<String> headers(String scope) {
        return List.of("Authorization: Bearer " + token(scope));
    }

    @Override
    public Optional<String> fixtureAuthorization() {
        return Optional.of(credentials.basicAuthorization());
    }

    private String token(String scope) {
        if (realm == null) {
            learnRealm();
        }
        URI url = URI.create(realm + "?service=" + URLEncoder.encode(service, StandardCharsets.UTF_8)
                + "&scope=" + URLEncoder.encode(scope, StandardCharsets.UTF_8));
        HttpResponse<String> res = send(HttpRequest.newBuilder(url).timeout(TIMEOUT)
                .header("Authorization", credentials.basicAuthorization()).GET().build(), "token for " + scope);
        if (res.statusCode() != 200) {
            throw new PushFailedException("token for " + scope + " from " + realm + " answered " + res.statusCode());
        }
        try {
            JsonNode json = new ObjectMapper().readTree(res.body());
            String token = json.path("token").asText(json.path("access_token").asText(""));
            if (token.isEmpty()) {
                throw new PushFailedException("the token endpoint " + realm + " answered no token");
            }
            return token;
        } catch (IOException e) {
            throw new PushFailedException("the token endpoint " + realm + " answered no JSON: " + e.getMessage());
        }
    }

    private void learnRealm() {
        URI ping = base.resolve("/v2/");
        HttpResponse<String> res = send(HttpRequest.newBuilder(ping).timeout(TIMEOUT).GET().build(), "GET " + ping);
        String challenge = res.headers().firstValue("WWW-Authenticate").orElse("");
        if (res.statusCode() != 401 || !challenge.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new PushFailedException("GET " + ping + " answered " + res.statusCode() + " '" + challenge
                    + "', not a Bearer challenge: no token auth there");
        }
        String foundRealm = null;
        String foundService = "";
        Matcher m = PARAM.matcher(challenge);
        while (m.find()) {
            if (m.group(1).equals("realm")) {
                foundRealm = m.group(2);
            } else if (m.group(1).equals("service")) {
                foundService = m.group(2);
            }
        }
        if (foundRealm == null) {
            throw new PushFailedException("the challenge of " + ping + " names no realm: " + challenge);
        }
        service = foundService;
        realm = URI.create(foundRealm);
    }

    private HttpResponse<String> send(HttpRequest request, String what) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new PushFailedException(what + " failed: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PushFailedException(what + " was interrupted");
        }
    }
}
