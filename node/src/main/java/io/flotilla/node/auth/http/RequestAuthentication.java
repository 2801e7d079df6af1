package io.flotilla.node.auth.http;

import io.flotilla.node.access.AccessPolicy;
import io.flotilla.node.access.Caller;
import io.flotilla.node.auth.LoginFailedException;
import io.flotilla.node.auth.VerifiedToken;
import io.helidon.http.HeaderNames;
import io.helidon.security.AuthenticationResponse;
import io.helidon.security.Security;
import io.helidon.security.SecurityContext;
import io.helidon.security.SecurityResponse;
import io.helidon.security.Subject;
import io.helidon.webserver.http.ServerRequest;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Authenticates one request through helidon-security (and so through {@link CredentialsProvider}): the
 * {@code Authorization} header and the client's address go in, an {@link Authenticated} comes out, or an
 * {@link AuthenticationFailure} saying why not.
 */
public final class RequestAuthentication {

    private final Security security;
    private final AccessPolicy policy;
    private final AtomicLong ids = new AtomicLong();
    private final RecentAuthentications recent;

    RequestAuthentication(Security security, AccessPolicy policy, RecentAuthentications recent) {
        this.security = security;
        this.policy = policy;
        this.recent = recent;
    }

    /** Drops what this node remembers of an account's credentials (its password, secret or state changed). */
    public void forget(String account) {
        recent.forget(account);
    }

    public AccessPolicy policy() {
        return policy;
    }

    public Authenticated authenticate(ServerRequest req) {
        return authenticate(req.remotePeer().host(), req.headers().all(HeaderNames.AUTHORIZATION, List::of));
    }

    /** Authenticates with credentials that came another way (the OAuth2 password form) as this header. */
    public Authenticated authenticate(ServerRequest req, String authorization) {
        return authenticate(req.remotePeer().host(), List.of(authorization));
    }

    private Authenticated authenticate(String source, List<String> header) {
        if (header.size() == 1) {
            java.util.Optional<RecentAuthentications.Remembered> known = recent.get(header.getFirst());
            if (known.isPresent()) {
                return new Authenticated(known.get().caller(), known.get().token(), policy, source);
            }
        }
        SecurityContext context = security.contextBuilder(Long.toString(ids.incrementAndGet()))
                .env(security.environmentBuilder()
                        .header("Authorization", header)
                        .addAttribute(CredentialsProvider.SOURCE, source)
                        .build())
                .build();
        AuthenticationResponse response = context.atnClientBuilder().submit();
        if (response.status() == SecurityResponse.SecurityStatus.ABSTAIN) {
            return new Authenticated(Caller.ANONYMOUS, null, policy, source);
        }
        if (response.status() != SecurityResponse.SecurityStatus.SUCCESS || response.user().isEmpty()) {
            throw failure(response, claimedUser(header));
        }
        Subject subject = response.user().get();
        Caller caller = subject.privateCredential(Caller.class).orElseThrow();
        VerifiedToken token = subject.privateCredential(VerifiedToken.class).orElse(null);
        recent.remember(header.getFirst(), new RecentAuthentications.Remembered(caller, token));
        return new Authenticated(caller, token, policy, source);
    }

    /** The user name Basic credentials claim, for the audit log of a failed login; empty otherwise. */
    private static String claimedUser(List<String> header) {
        if (header.size() == 1 && AuthorizationHeader.parse(header.getFirst()) instanceof AuthorizationHeader.Basic b) {
            return b.username();
        }
        return "";
    }

    private static AuthenticationFailure failure(AuthenticationResponse response, String claimedUser) {
        Throwable cause = response.throwable().orElse(null);
        if (cause instanceof CredentialsUnavailableException unavailable) {
            throw new io.flotilla.node.registry.RegistryException(io.flotilla.node.registry.ErrorCode.UNAVAILABLE,
                    "credentials cannot be checked now; retry later");
        }
        Duration retryAfter = cause instanceof LoginFailedException lf ? lf.retryAfter() : Duration.ZERO;
        String why = response.description().orElse("authentication failed");
        boolean badToken = cause instanceof io.flotilla.node.auth.TokenRejectedException;
        return new AuthenticationFailure(why, retryAfter, badToken, claimedUser);
    }
}
