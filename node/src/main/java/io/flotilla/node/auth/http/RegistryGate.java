package io.flotilla.node.auth.http;

import io.flotilla.model.RepositoryName;
import io.flotilla.node.access.Permission;
import io.flotilla.node.access.Projects;
import io.flotilla.node.http.OciRoute;
import io.flotilla.node.registry.ErrorCode;
import io.flotilla.node.registry.RegistryException;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

import java.util.Map;

/**
 * Guards {@code /v2}: authenticates the request, works out the permission its route and method need, and
 * refuses it before any handler runs. Refusals follow Docker token auth: a caller that has not proved who it
 * is gets 401 with a Bearer challenge naming the scope to ask for; a token that lacks a grant its holder could
 * get gets 401 {@code insufficient_scope}, so the client fetches a better one; a caller the policy refuses gets
 * 403 DENIED. A system admin pushing to a project that does not exist creates it, private.
 */
public final class RegistryGate implements Filter {

    private final RequestAuthentication authentication;
    private final Challenge challenge;
    private final Projects projects;
    private final GateEvents events;

    public RegistryGate(RequestAuthentication authentication, Challenge challenge, GateEvents events) {
        this.authentication = authentication;
        this.challenge = challenge;
        this.projects = authentication.policy().projects();
        this.events = events;
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        String path = req.path().absolute().rawPathNoParams();
        if (!path.equals("/v2") && !path.startsWith("/v2/")) {
            chain.proceed();
            return;
        }
        OciRoute route;
        try {
            route = OciRoute.parse(path);
        } catch (RuntimeException unknownPath) {
            route = null; // the handler answers it; an unknown path still needs a signed-in caller
        }
        String host = req.headers().first(HeaderNames.HOST).orElse(null);
        Authenticated who;
        try {
            who = authentication.authenticate(req);
        } catch (AuthenticationFailure failed) {
            events.refused(failed.claimedUser(), req.remotePeer().host(), route, req.prologue().method(), failed.getMessage());
            throw refusal(failed, host, route);
        }
        Permission needed = route == null ? null : required(route, req.prologue().method());
        if (needed == null) {
            // /v2/ and the catalog need a caller that proved something: credentials, or any valid token (an
            // anonymous one included, which is how clients pull public images without logging in).
            if (who.caller().anonymous() && !who.byToken()) {
                throw unauthorized(host, route != null && route.kind() == OciRoute.Kind.CATALOG
                        ? "registry:catalog:*" : null, null);
            }
        } else if (!who.allows(route.repo(), needed)) {
            denied(who, route, needed, host, req.prologue().method());
        }
        if (needed == Permission.REPOSITORY_PUSH && who.caller().systemAdmin()) {
            String project = projects.projectOf(route.repo());
            if (projects.find(project).isEmpty()) {
                projects.createIfAbsent(project, false, who.caller().name());
            }
        }
        req.context().register(Authenticated.class, who);
        req.context().register(io.flotilla.node.http.CallerRights.class, who);
        chain.proceed();
    }

    private void denied(Authenticated who, OciRoute route, Permission needed, String host, Method method) {
        RepositoryName repo = route.repo();
        String scope = "repository:" + repo + ":" + (needed == Permission.REPOSITORY_PULL ? "pull"
                : needed == Permission.REPOSITORY_DELETE ? "delete" : "pull,push");
        events.denied(who, route, method);
        if (who.caller().anonymous()) {
            throw unauthorized(host, scope, null);
        }
        // Only a token's refusal needs the policy asked again (a Basic caller's refusal was the policy's).
        if (who.byToken() && authentication.policy().allows(who.caller(), repo, needed)) {
            throw unauthorized(host, scope, "insufficient_scope");
        }
        throw new RegistryException(ErrorCode.DENIED, who.caller().name() + " may not " + needed.action() + " "
                + repo);
    }

    private RegistryException refusal(AuthenticationFailure failed, String host, OciRoute route) {
        if (failed.throttled()) {
            return new RegistryException(ErrorCode.TOO_MANY_REQUESTS, failed.getMessage(),
                    Map.of("Retry-After", Long.toString(Math.max(1, failed.retryAfter().toSeconds()))));
        }
        return unauthorized(host, null, failed.invalidToken() ? "invalid_token" : null, failed.getMessage());
    }

    private RegistryException unauthorized(String host, String scope, String error) {
        return unauthorized(host, scope, error, "authentication required");
    }

    private RegistryException unauthorized(String host, String scope, String error, String detail) {
        return new RegistryException(ErrorCode.UNAUTHORIZED, detail, challenge.header(host, scope, error));
    }

    /** What a route and method need; null for routes that need only a signed-in caller (/v2/, the catalog). */
    static Permission required(OciRoute route, Method method) {
        return switch (route.kind()) {
            case BASE, CATALOG -> null;
            case TAGS, REFERRERS -> Permission.REPOSITORY_PULL;
            case UPLOADS, UPLOAD -> Permission.REPOSITORY_PUSH;
            case MANIFEST -> method == Method.PUT ? Permission.REPOSITORY_PUSH
                    : method == Method.DELETE ? Permission.REPOSITORY_DELETE : Permission.REPOSITORY_PULL;
            case BLOB -> method == Method.DELETE ? Permission.REPOSITORY_DELETE : Permission.REPOSITORY_PULL;
        };
    }
}
