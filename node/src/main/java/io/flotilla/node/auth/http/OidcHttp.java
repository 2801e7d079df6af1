package io.flotilla.node.auth.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flotilla.node.access.UserAccount;
import io.flotilla.node.access.Users;
import io.flotilla.node.auth.Authenticator;
import io.flotilla.node.auth.DirectoryAccounts;
import io.flotilla.node.auth.DirectoryIdentity;
import io.flotilla.node.auth.PasswordHasher;
import io.flotilla.node.auth.oidc.CliSecret;
import io.flotilla.node.auth.oidc.OidcLoginException;
import io.flotilla.node.auth.oidc.OidcProvider;
import io.flotilla.node.auth.oidc.PendingLogin;
import io.flotilla.node.http.Json;
import io.flotilla.node.http.Urls;
import io.flotilla.node.registry.ErrorCode;
import io.flotilla.node.registry.RegistryException;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * OIDC login for people: {@code GET /service/oidc/login} sends the browser to the provider (authorization code
 * with PKCE), {@code GET /service/oidc/callback} completes it on whichever node the browser reaches, records the
 * user with the groups its ID token names, and shows the user's CLI secret: the password docker and podman use,
 * as in Harbor. A secret is made at the first login, and again when the login asks for one
 * ({@code ?new_cli_secret=true}); otherwise the one the user has stays valid and is not shown again.
 */
public final class OidcHttp implements HttpService {

    private static final String CALLBACK = "/service/oidc/callback";

    private final OidcProvider provider;
    private final PendingLoginCookie cookies;
    private final Urls urls;
    private final Users users;
    private final PasswordHasher hasher;
    private final Authenticator authenticator;
    private final LoginEvents events;
    private final Duration timeout;

    OidcHttp(OidcProvider provider, PendingLoginCookie cookies, Urls urls, Users users, PasswordHasher hasher,
             Authenticator authenticator, LoginEvents events, Duration timeout) {
        this.provider = provider;
        this.cookies = cookies;
        this.urls = urls;
        this.users = users;
        this.hasher = hasher;
        this.authenticator = authenticator;
        this.events = events;
        this.timeout = timeout;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/service/oidc/login", this::login).get(CALLBACK, this::callback);
    }

    private void login(ServerRequest req, ServerResponse res) {
        URI callback = URI.create(urls.externalUrl(req.headers().first(HeaderNames.HOST).orElse(null)) + CALLBACK);
        PendingLogin pending = unavailableAsStatus(() -> provider.begin(callback));
        boolean newSecret = req.query().first("new_cli_secret").map("true"::equalsIgnoreCase).orElse(false);
        res.status(Status.FOUND_302)
                .header(HeaderNames.LOCATION, pending.authorizationUrl().toString())
                .header(HeaderNames.SET_COOKIE, cookie(cookies.encode(pending, newSecret), timeout.toSeconds()))
                .header(HeaderNames.CACHE_CONTROL, "no-store")
                .send();
    }

    private void callback(ServerRequest req, ServerResponse res) {
        Optional<String> error = req.query().first("error").asOptional();
        if (error.isPresent()) {
            throw new RegistryException(ErrorCode.UNAUTHORIZED, "the identity provider refused the login: "
                    + io.flotilla.model.Names.printable(error.get()));
        }
        String code = req.query().first("code").orElse(null);
        String state = req.query().first("state").orElse(null);
        if (code == null || state == null) {
            throw new RegistryException(ErrorCode.MALFORMED_REQUEST, "the callback needs code and state");
        }
        PendingLoginCookie.Started started = readCookie(req).flatMap(cookies::decode).orElseThrow(() ->
                new RegistryException(ErrorCode.MALFORMED_REQUEST, "no login in progress here: start at /service/oidc/login"));
        DirectoryIdentity identity;
        try {
            identity = provider.complete(started.login(), code, state);
        } catch (OidcLoginException e) {
            events.loginFailed("", req.remotePeer().host(), "oidc: " + e.getMessage());
            if (e.providerUnavailable()) {
                throw new RegistryException(ErrorCode.UNAVAILABLE, "the identity provider did not answer; retry later");
            }
            throw new RegistryException(ErrorCode.UNAUTHORIZED, "oidc login refused: " + e.getMessage());
        }
        UserAccount account = DirectoryAccounts.record(users, UserAccount.OIDC, identity);
        ObjectNode body = Json.object().put("username", account.name());
        body.putPOJO("groups", account.groups());
        if (account.cliSecretHash() == null || started.newCliSecret()) {
            String secret = CliSecret.generate();
            users.update(account.name(), a -> a.withCliSecretHash(hasher.hash(secret.toCharArray()), users.clock().instant()));
            authenticator.forget(account.name());
            body.put("cli_secret", secret);
        }
        body.put("login", "podman login -u " + account.name() + " -p <cli_secret> "
                + req.headers().first(HeaderNames.HOST).orElse("<registry>"));
        events.loggedIn(account.name(), req.remotePeer().host());
        res.header(HeaderNames.CONTENT_TYPE, "application/json")
                .header(HeaderNames.SET_COOKIE, cookie("", 0))
                .header(HeaderNames.CACHE_CONTROL, "no-store")
                .send(Json.bytes(body));
    }

    private static Optional<String> readCookie(ServerRequest req) {
        for (String header : req.headers().all(HeaderNames.COOKIE, java.util.List::of)) {
            for (String part : header.split(";")) {
                String p = part.strip();
                if (p.startsWith(PendingLoginCookie.NAME + "=")) {
                    return Optional.of(p.substring(PendingLoginCookie.NAME.length() + 1));
                }
            }
        }
        return Optional.empty();
    }

    private static String cookie(String value, long maxAgeSeconds) {
        return PendingLoginCookie.NAME + "=" + value + "; Path=/service/oidc; Max-Age=" + maxAgeSeconds
                + "; HttpOnly; SameSite=Lax";
    }

    private static <T> T unavailableAsStatus(java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (OidcLoginException e) {
            throw new RegistryException(e.providerUnavailable() ? ErrorCode.UNAVAILABLE : ErrorCode.UNKNOWN,
                    "cannot start an oidc login: " + e.getMessage());
        }
    }
}
