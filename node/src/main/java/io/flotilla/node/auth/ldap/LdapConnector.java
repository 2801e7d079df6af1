package io.flotilla.node.auth.ldap;

import javax.naming.Context;
import javax.naming.NamingException;
import javax.naming.ldap.InitialLdapContext;
import javax.naming.ldap.LdapContext;
import javax.naming.ldap.StartTlsRequest;
import javax.naming.ldap.StartTlsResponse;
import javax.net.ssl.SSLSocketFactory;
import java.io.IOException;
import java.util.Hashtable;
import java.util.Objects;

/**
 * Opens connections bound (simple bind) as one DN, with the settings' timeouts, and with StartTLS first
 * when asked, so that no password crosses the wire in clear. JNDI alone: no library beyond the JDK.
 */
final class LdapConnector {
    private final LdapSettings settings;
    private final SSLSocketFactory tlsSockets;

    LdapConnector(LdapSettings settings, SSLSocketFactory tlsSockets) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.tlsSockets = Objects.requireNonNull(tlsSockets, "tlsSockets");
    }

    /**
     * A connection bound as {@code dn}. A wrong password throws {@link javax.naming.AuthenticationException};
     * anything else that fails (connect, timeout, TLS) another {@link NamingException}.
     *
     * @param password a String or a char[]; JNDI sends either as UTF-8
     */
    Bound bind(String dn, Object password) throws NamingException {
        if (!settings.startTls()) {
            Hashtable<String, Object> env = environment();
            env.put(Context.SECURITY_AUTHENTICATION, "simple");
            env.put(Context.SECURITY_PRINCIPAL, dn);
            env.put(Context.SECURITY_CREDENTIALS, password);
            return new Bound(new InitialLdapContext(env, null)); // binds before it returns
        }
        Hashtable<String, Object> env = environment();
        env.put(Context.SECURITY_AUTHENTICATION, "none");
        LdapContext ctx = new InitialLdapContext(env, null);
        try {
            StartTlsResponse tls = (StartTlsResponse) ctx.extendedOperation(new StartTlsRequest());
            // negotiate() also checks that the certificate names the host of the URL.
            tls.negotiate(tlsSockets);
            ctx.addToEnvironment(Context.SECURITY_AUTHENTICATION, "simple");
            ctx.addToEnvironment(Context.SECURITY_PRINCIPAL, dn);
            ctx.addToEnvironment(Context.SECURITY_CREDENTIALS, password);
            ctx.reconnect(null); // the bind, now, over the encrypted connection
            return new Bound(ctx);
        } catch (IOException e) {
            closeQuietly(ctx);
            NamingException failure = new NamingException("StartTLS with " + settings.url() + " failed: " + e);
            failure.initCause(e);
            throw failure;
        } catch (NamingException | RuntimeException e) {
            closeQuietly(ctx);
            throw e;
        }
    }

    private Hashtable<String, Object> environment() {
        Hashtable<String, Object> env = new Hashtable<>();
        env.put(Context.INITIAL_CONTEXT_FACTORY, "com.sun.jndi.ldap.LdapCtxFactory");
        env.put(Context.PROVIDER_URL, settings.url());
        env.put("java.naming.ldap.version", "3");
        env.put("com.sun.jndi.ldap.connect.timeout", Long.toString(settings.connectTimeout().toMillis()));
        env.put("com.sun.jndi.ldap.read.timeout", Long.toString(settings.readTimeout().toMillis()));
        // Following a referral would send the service account's password to whatever server it names; AD
        // returns referrals for searches at a domain's root, which "ignore" drops.
        env.put(Context.REFERRAL, "ignore");
        return env;
    }

    private static void closeQuietly(LdapContext ctx) {
        try {
            ctx.close();
        } catch (NamingException ignored) {
            // closing is best effort; the connection is being dropped anyway
        }
    }

    /** A bound connection, closed by try-with-resources (a JNDI context is not AutoCloseable). */
    record Bound(LdapContext context) implements AutoCloseable {
        @Override
        public void close() {
            closeQuietly(context);
        }
    }
}
