package io.flotilla.node.auth;

import io.flotilla.model.RepositoryName;
import io.flotilla.node.access.AccessPolicy;
import io.flotilla.node.access.Caller;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Issues the tokens of the token endpoint: an access token whose grants are what was asked for, cut down to
 * what the policy allows (a client asking for push where it may only pull gets a pull token, and learns of the
 * refusal only when it pushes), and on request a longer-lived refresh token that names the account only.
 */
public final class RegistryTokens {

    private static final List<String> ALL = List.of("delete", "pull", "push");

    private final TokenIssuer access;
    private final TokenIssuer refresh;
    private final TokenVerifier refreshVerifier;
    private final AccessPolicy policy;

    /**
     * @param access          signs access tokens (audience: the service)
     * @param refresh         signs refresh tokens (audience: {@link #refreshAudience})
     * @param refreshVerifier checks refresh tokens presented back
     */
    public RegistryTokens(TokenIssuer access, TokenIssuer refresh, TokenVerifier refreshVerifier, AccessPolicy policy) {
        this.access = access;
        this.refresh = refresh;
        this.refreshVerifier = refreshVerifier;
        this.policy = policy;
    }

    /** Refresh tokens have their own audience, so one can never pass as an access token. */
    public static String refreshAudience(String service) {
        return service + "#refresh";
    }

    public IssuedToken issue(Caller caller, List<TokenScope> asked) {
        return access.issue(caller.anonymous() ? "" : caller.name(), grant(caller, asked));
    }

    public IssuedToken issueRefresh(Caller caller) {
        return refresh.issue(caller.name(), List.of());
    }

    /** The account name a refresh token was issued to; a {@link TokenRejectedException} if it is not valid. */
    public String refreshSubject(String refreshToken) {
        VerifiedToken verified = refreshVerifier.verify(refreshToken);
        if (verified.anonymous()) {
            throw new TokenRejectedException(TokenRejectedException.Reason.BAD_CLAIMS, "refresh token without subject");
        }
        return verified.subject();
    }

    /** What of {@code asked} the caller may have; scopes granting nothing are left out. */
    public List<TokenScope> grant(Caller caller, List<TokenScope> asked) {
        List<TokenScope> granted = new ArrayList<>();
        for (TokenScope scope : asked) {
            if (scope.type().equals(TokenScope.REGISTRY)) {
                // The catalog is filtered per repository when listed; any signed-in caller may ask for it.
                if (!caller.anonymous()) {
                    granted.add(scope);
                }
                continue;
            }
            Set<String> held = policy.repositoryActions(caller, RepositoryName.parse(scope.name()));
            Set<String> wanted = new TreeSet<>(scope.actions().contains("*") ? ALL : scope.actions());
            wanted.retainAll(held);
            if (!wanted.isEmpty()) {
                granted.add(new TokenScope(scope.type(), scope.name(), List.copyOf(wanted)));
            }
        }
        return granted;
    }
}
