package io.flotilla.node.auth.oidc;

import com.nimbusds.jose.jwk.JWK;

import java.util.List;

/** Where {@link IdTokenVerifier} finds the provider's public signing keys. */
interface ProviderKeys {
    /**
     * The signing keys with key id {@code kid}, or every signing key when {@code kid} is null (a provider with
     * one key may leave the kid out). Empty when none matches, even after looking again.
     *
     * @throws OidcLoginException {@link OidcLoginException.Reason#PROVIDER_UNAVAILABLE} when the keys cannot be fetched
     */
    List<JWK> signingKeys(String kid);
}
