package io.flotilla.node.auth.oidc;

import io.flotilla.node.config.FlotillaConfig;

import java.net.URI;

/** The OIDC provider {@code auth.oidc} configures. */
public final class OidcFromConfig {

    private OidcFromConfig() {
    }

    public static OidcProvider provider(FlotillaConfig.Oidc c) {
        return new OidcProvider(new OidcSettings(URI.create(c.issuer()), c.clientId(), c.clientSecret(), c.scopes(),
                c.groupsClaim(), c.usernameClaim(), OidcSettings.DEFAULT_CONNECT_TIMEOUT,
                OidcSettings.DEFAULT_REQUEST_TIMEOUT));
    }
}
