package io.flotilla.node.auth.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flotilla.node.access.Caller;
import io.flotilla.node.auth.IssuedToken;
import io.flotilla.node.auth.RegistryTokens;
import io.flotilla.node.auth.TokenRejectedException;
import io.flotilla.node.auth.TokenScope;
import io.flotilla.node.http.Json;
import io.flotilla.node.registry.ErrorCode;
import io.flotilla.node.registry.RegistryException;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The Docker token endpoint, {@code /service/token}. GET is what docker, podman and skopeo use: Basic
 * credentials (or none, for an anonymous token) and {@code scope} parameters. POST is the OAuth2 form:
 * {@code grant_type=password} or {@code refresh_token}, with {@code access_type=offline} asking for a refresh
 * token. Grants are cut down to what the caller may do; a login (credentials, no scope) grants nothing and
 * only proves the password.
 */
public final class TokenHttp implements HttpService {

    private static final int MAX_FORM_BYTES = 16 * 1024;
    private static final int MAX_SCOPES = 32;

    private final RequestAuthentication authentication;
    private final RegistryTokens tokens;
    private final String service;
    private final Function<String, Optional<Caller>> accounts;
    private final LoginEvents events;

    public TokenHttp(RequestAuthentication authentication, RegistryTokens tokens, String service,
                     Function<String, Optional<Caller>> accounts, LoginEvents events) {
        this.authentication = authentication;
        this.tokens = tokens;
        this.service = service;
        this.accounts = accounts;
        this.events = events;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/service/token", this::get).post("/service/token", this::post);
    }

    private void get(ServerRequest req, ServerResponse res) {
        checkService(req.query().first("service").orElse(null));
        List<TokenScope> scopes = scopes(req.query().all("scope", List::of));
        Caller caller = login(req);
        boolean offline = req.query().first("offline_token").map("true"::equalsIgnoreCase).orElse(false);
        IssuedToken token = tokens.issue(caller, scopes);
        ObjectNode body = Json.object();
        body.put("token", token.token());
        body.put("access_token", token.token());
        body.put("expires_in", token.expiresIn());
        body.put("issued_at", token.issuedAt().toString());
        if (offline && !caller.anonymous()) {
            body.put("refresh_token", tokens.issueRefresh(caller).token());
        }
        send(res, body);
    }

    private void post(ServerRequest req, ServerResponse res) throws IOException {
        Map<String, List<String>> form = form(req);
        checkService(first(form, "service"));
        List<String> scopeTexts = new ArrayList<>();
        for (String s : form.getOrDefault("scope", List.of())) {
            for (String part : s.split(" ")) {
                if (!part.isEmpty()) {
                    scopeTexts.add(part);
                }
            }
        }
        List<TokenScope> scopes = scopes(scopeTexts);
        String grant = first(form, "grant_type");
        Caller caller;
        if ("password".equals(grant)) {
            String user = first(form, "username");
            String password = first(form, "password");
            caller = passwordLogin(req, user, password);
        } else if ("refresh_token".equals(grant)) {
            caller = refreshed(first(form, "refresh_token"));
        } else {
            throw new RegistryException(ErrorCode.MALFORMED_REQUEST, "grant_type must be password or refresh_token");
        }
        IssuedToken token = tokens.issue(caller, scopes);
        ObjectNode body = Json.object();
        body.put("access_token", token.token());
        body.put("scope", String.join(" ", tokens.grant(caller, scopes).stream().map(TokenScope::toString).toList()));
        body.put("expires_in", token.expiresIn());
        body.put("issued_at", token.issuedAt().toString());
        if ("offline".equals(first(form, "access_type")) || "refresh_token".equals(grant)) {
            body.put("refresh_token", tokens.issueRefresh(caller).token());
        }
        send(res, body);
    }

    /** GET: the Basic credentials, if any; a login event either way they were given. */
    private Caller login(ServerRequest req) {
        boolean gaveCredentials = req.headers().contains(HeaderNames.AUTHORIZATION);
        try {
            Authenticated who = authentication.authenticate(req);
            if (gaveCredentials) {
                events.loggedIn(who.caller().name(), who.source());
            }
            return who.caller();
        } catch (AuthenticationFailure failed) {
            events.loginFailed(failed.claimedUser(), req.remotePeer().host(), failed.getMessage());
            throw refusal(failed);
        }
    }

    private Caller passwordLogin(ServerRequest req, String user, String password) {
        if (user == null || password == null) {
            throw new RegistryException(ErrorCode.MALFORMED_REQUEST, "grant_type=password needs username and password");
        }
        String basic = java.util.Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        try {
            Authenticated who = authentication.authenticate(req, "Basic " + basic);
            events.loggedIn(who.caller().name(), who.source());
            return who.caller();
        } catch (AuthenticationFailure failed) {
            events.loginFailed(failed.claimedUser(), req.remotePeer().host(), failed.getMessage());
            throw refusal(failed);
        }
    }

    private Caller refreshed(String refreshToken) {
        if (refreshToken == null) {
            throw new RegistryException(ErrorCode.MALFORMED_REQUEST, "grant_type=refresh_token needs refresh_token");
        }
        try {
            String subject = tokens.refreshSubject(refreshToken);
            return accounts.apply(subject).orElseThrow(() ->
                    new RegistryException(ErrorCode.UNAUTHORIZED, "the refresh token's account is gone or disabled"));
        } catch (TokenRejectedException e) {
            throw new RegistryException(ErrorCode.UNAUTHORIZED, "invalid refresh token: " + e.getMessage());
        }
    }

    private static RegistryException refusal(AuthenticationFailure failed) {
        if (failed.throttled()) {
            return new RegistryException(ErrorCode.TOO_MANY_REQUESTS, failed.getMessage(),
                    Map.of("Retry-After", Long.toString(Math.max(1, failed.retryAfter().toSeconds()))));
        }
        return new RegistryException(ErrorCode.UNAUTHORIZED, failed.getMessage());
    }

    private void checkService(String asked) {
        if (asked != null && !asked.isEmpty() && !asked.equals(service)) {
            throw new RegistryException(ErrorCode.MALFORMED_REQUEST, "this token service is " + service);
        }
    }

    private static List<TokenScope> scopes(List<String> texts) {
        if (texts.size() > MAX_SCOPES) {
            throw new RegistryException(ErrorCode.MALFORMED_REQUEST, "more than " + MAX_SCOPES + " scopes");
        }
        try {
            return TokenScope.parseAll(texts);
        } catch (IllegalArgumentException e) {
            throw new RegistryException(ErrorCode.MALFORMED_REQUEST, "invalid scope: " + e.getMessage());
        }
    }

    private static Map<String, List<String>> form(ServerRequest req) throws IOException {
        byte[] body;
        try (InputStream in = req.content().inputStream()) {
            body = in.readNBytes(MAX_FORM_BYTES + 1);
        }
        if (body.length > MAX_FORM_BYTES) {
            throw new RegistryException(ErrorCode.MALFORMED_REQUEST, "form larger than " + MAX_FORM_BYTES + " bytes");
        }
        Map<String, List<String>> form = new LinkedHashMap<>();
        for (String pair : new String(body, StandardCharsets.UTF_8).split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            try {
                String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                form.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
            } catch (IllegalArgumentException e) {
                throw new RegistryException(ErrorCode.MALFORMED_REQUEST, "malformed form encoding");
            }
        }
        return form;
    }

    private static String first(Map<String, List<String>> form, String key) {
        List<String> values = form.get(key);
        return values == null || values.isEmpty() ? null : values.getFirst();
    }

    private static void send(ServerResponse res, ObjectNode body) {
        res.status(Status.OK_200)
                .header(HeaderNames.CONTENT_TYPE, "application/json")
                .header(HeaderNames.CACHE_CONTROL, "no-store")
                .send(Json.bytes(body));
    }
}
