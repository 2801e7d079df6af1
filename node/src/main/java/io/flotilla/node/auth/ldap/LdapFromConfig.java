package io.flotilla.node.auth.ldap;

import io.flotilla.node.auth.PasswordDirectory;
import io.flotilla.node.config.FlotillaConfig;

import javax.net.ssl.SSLSocketFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** The LDAP directory {@code auth.ldap} configures, if any. */
public final class LdapFromConfig {

    private LdapFromConfig() {
    }

    public static Optional<PasswordDirectory> directory(FlotillaConfig.Ldap c) {
        if (!c.enabled()) {
            return Optional.empty();
        }
        LdapSettings settings = new LdapSettings(c.url(), c.bindDn(), c.bindPassword(), c.userBaseDn(),
                c.userFilter(), c.usernameAttribute(), c.emailAttribute(), c.displayNameAttribute(),
                c.groupAttribute(), blankToNull(c.groupBaseDn()), c.groupFilter(),
                Duration.ofMillis(c.connectTimeoutMs()), Duration.ofMillis(c.readTimeoutMs()), c.startTls());
        SSLSocketFactory tls = c.caFile() == null || c.caFile().isBlank()
                ? (SSLSocketFactory) SSLSocketFactory.getDefault() : LdapTls.trusting(Path.of(c.caFile()));
        LdapDirectory ldap = new LdapDirectory(settings, tls);
        return Optional.of(ldap::authenticate);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
