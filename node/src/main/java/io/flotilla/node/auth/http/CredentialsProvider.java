package io.flotilla.node.auth.http;

import io.flotilla.node.access.Caller;
import io.flotilla.node.auth.Authenticator;
import io.flotilla.node.auth.LoginFailedException;
import io.flotilla.node.auth.TokenRejectedException;
import io.flotilla.node.auth.TokenVerifier;
import io.flotilla.node.auth.VerifiedToken;
import io.helidon.security.AuthenticationResponse;
import io.helidon.security.Principal;
import io.helidon.security.ProviderRequest;
import io.helidon.security.Subject;
import io.helidon.security.spi.AuthenticationProvider;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Flotilla's helidon-security authentication provider: Basic credentials through the {@link Authenticator}
 * (local users, robots, LDAP, OIDC CLI secrets), Bearer tokens through the {@link TokenVerifier}. It abstains
 * when there is no {@code Authorization} header (an anonymous caller) and fails, carrying the cause, on bad
 * credentials; the gate turns that into the right 401 or 429.
 */
final class CredentialsProvider implements AuthenticationProvider {

    /** The environment attribute holding the client's address, for the login throttle. */
    static final String SOURCE = "flotilla.source";

    private final Authenticator authenticator;
    private final TokenVerifier verifier;
    private final Function<String, Optional<Caller>> accounts;

    /** @param accounts finds the caller a token's subject names (a user or robot, as it stands now) */
    CredentialsProvider(Authenticator authenticator, TokenVerifier verifier,
                        Function<String, Optional<Caller>> accounts) {
        this.authenticator = authenticator;
        this.verifier = verifier;
        this.accounts = accounts;
    }

    @Override
    public AuthenticationResponse authenticate(ProviderRequest request) {
        List<String> values = request.env().headers().getOrDefault("Authorization", List.of());
        if (values.size() > 1) {
            return AuthenticationResponse.failed("more than one Authorization header",
                    new MalformedCredentialsException("more than one Authorization header"));
        }
        AuthorizationHeader header = AuthorizationHeader.parse(values.isEmpty() ? null : values.getFirst());
        String source = String.valueOf(request.env().abacAttributeRaw(SOURCE));
        try {
            return switch (header) {
                case AuthorizationHeader.None none -> AuthenticationResponse.abstain();
                case AuthorizationHeader.Malformed bad -> AuthenticationResponse.failed(bad.reason(),
                        new MalformedCredentialsException(bad.reason()));
                case AuthorizationHeader.Basic basic -> success(
                        authenticator.login(basic.username(), basic.password(), source), null);
                case AuthorizationHeader.Bearer bearer -> bearer(bearer.token());
            };
        } catch (TokenRejectedException e) {
            if (e.reason() == TokenRejectedException.Reason.KEYS_UNAVAILABLE) {
                return AuthenticationResponse.failed("cannot check tokens now", new CredentialsUnavailableException(e));
            }
            return AuthenticationResponse.failed(e.getMessage(), e);
        } catch (LoginFailedException e) {
            return AuthenticationResponse.failed(e.getMessage(), e);
        } catch (RuntimeException e) {
            // A directory or the metadata store could not answer: not the caller's fault, and not a failed login.
            return AuthenticationResponse.failed("cannot check credentials now", new CredentialsUnavailableException(e));
        }
    }

    private AuthenticationResponse bearer(String token) {
        VerifiedToken verified = verifier.verify(token);
        if (verified.anonymous()) {
            return success(Caller.ANONYMOUS, verified);
        }
        // The grants are in the token; the account is re-read (cached) so that catalog filtering and a
        // deleted or disabled account are judged as they stand.
        Caller caller = accounts.apply(verified.subject()).orElseThrow(() -> new TokenRejectedException(
                TokenRejectedException.Reason.BAD_CLAIMS, "the token's account no longer exists"));
        return success(caller, verified);
    }

    private static AuthenticationResponse success(Caller caller, VerifiedToken token) {
        Subject.Builder subject = Subject.builder()
                .principal(Principal.create(caller.name()))
                .addPrivateCredential(Caller.class, caller);
        if (token != null) {
            subject.addPrivateCredential(VerifiedToken.class, token);
        }
        return AuthenticationResponse.success(subject.build());
    }
}
