package io.flotilla.node.api;

import io.flotilla.node.auth.http.Authenticated;
import io.flotilla.node.auth.http.AuthenticationFailure;
import io.flotilla.node.auth.http.RequestAuthentication;
import io.flotilla.node.registry.ErrorCode;
import io.flotilla.node.registry.RegistryException;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import io.helidon.webserver.http.ServerRequest;

import java.util.Map;

/**
 * Authenticates every call under {@code /api/v2.0} (Basic, or a Bearer token from {@code /service/token}) and
 * puts the {@link Authenticated} caller in the request's context. Anonymous calls get 401 with a Basic challenge,
 * which is what Harbor's clients and curl expect; which calls a caller may make is each resource's to decide.
 * The OpenAPI document is served to anyone. {@code /admin/cluster} needs a system admin, and so, with
 * {@code auth.protect-metrics}, does {@code /metrics} (Prometheus then scrapes with Basic credentials).
 */
public final class ApiGate implements Filter {

    public static final String PREFIX = "/api/v2.0";
    /** The node's view of its cluster ({@code /admin/cluster}): for system admins only. */
    private static final String CLUSTER_ADMIN = "/admin/";
    static final Map<String, String> CHALLENGE = Map.of("WWW-Authenticate", "Basic realm=\"flotilla\"");

    private final RequestAuthentication authentication;
    private final boolean protectMetrics;

    /** @param protectMetrics also require a system admin for {@code /metrics} (auth.protect-metrics) */
    public ApiGate(RequestAuthentication authentication, boolean protectMetrics) {
        this.authentication = authentication;
        this.protectMetrics = protectMetrics;
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        String path = req.path().absolute().rawPathNoParams();
        boolean adminOnly = protectMetrics && path.equals("/metrics") || path.startsWith(CLUSTER_ADMIN);
        if (!adminOnly && (!path.equals(PREFIX) && !path.startsWith(PREFIX + "/") || path.equals(PREFIX + "/openapi.json"))) {
            chain.proceed();
            return;
        }
        Authenticated who;
        try {
            who = authentication.authenticate(req);
        } catch (AuthenticationFailure failed) {
            if (failed.throttled()) {
                throw new RegistryException(ErrorCode.TOO_MANY_REQUESTS, failed.getMessage(),
                        Map.of("Retry-After", Long.toString(Math.max(1, failed.retryAfter().toSeconds()))));
            }
            throw new RegistryException(ErrorCode.UNAUTHORIZED, failed.getMessage(), CHALLENGE);
        }
        if (who.caller().anonymous()) {
            throw new RegistryException(ErrorCode.UNAUTHORIZED, "sign in with Basic credentials or a token", CHALLENGE);
        }
        if (adminOnly && !who.caller().systemAdmin()) {
            throw new RegistryException(ErrorCode.DENIED, "only a system admin may read this");
        }
        req.context().register(Authenticated.class, who);
        chain.proceed();
    }

    /** The caller the gate let through. */
    public static Authenticated caller(ServerRequest req) {
        return req.context().get(Authenticated.class, Authenticated.class)
                .orElseThrow(() -> new RegistryException(ErrorCode.UNAUTHORIZED, "not authenticated", CHALLENGE));
    }

    /** Refuses unless the caller is a system admin. */
    public static Authenticated systemAdmin(ServerRequest req) {
        Authenticated who = caller(req);
        if (!who.caller().systemAdmin()) {
            throw new RegistryException(ErrorCode.DENIED, "only a system admin may do this");
        }
        return who;
    }
}
