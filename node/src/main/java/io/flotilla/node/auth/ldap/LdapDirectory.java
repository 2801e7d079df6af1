package io.flotilla.node.auth.ldap;

import io.flotilla.node.auth.DirectoryIdentity;

import javax.naming.AuthenticationException;
import javax.naming.InterruptedNamingException;
import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.PartialResultException;
import javax.naming.SizeLimitExceededException;
import javax.naming.directory.Attribute;
import javax.naming.directory.Attributes;
import javax.naming.directory.SearchControls;
import javax.naming.directory.SearchResult;
import javax.naming.ldap.LdapContext;
import javax.naming.ldap.LdapName;
import javax.net.ssl.SSLSocketFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Checks a login against an LDAP directory or Active Directory, the way such directories expect it:
 * bind as the read-only service account, search the one user the login name matches, then bind as that
 * user's DN with the password. The user's e-mail, display name and groups come from the directory.
 *
 * <p>The login name only ever reaches the server as a filter argument, which JNDI escapes (RFC 4515), so
 * {@code *}, {@code )(uid=*} or a NUL cannot widen the search. An empty password is refused here: LDAP
 * servers treat a bind with a DN and no password as an anonymous bind, and AD lets it succeed.
 *
 * <p>Every connection is closed before {@link #authenticate} returns; each call opens its own (one for the
 * service account, one for the user), so the class is safe to share between threads.
 */
public final class LdapDirectory {
    /** Longer names are no user's: refused without asking the server. */
    static final int MAX_USERNAME_LENGTH = 256;
    /** Bounds the bind request a caller can make the server parse. */
    static final int MAX_PASSWORD_LENGTH = 1024;

    private final LdapSettings settings;
    private final LdapConnector connector;
    private final LdapName userBase;
    private final LdapName groupBase;

    /** StartTLS, if the settings ask for it, trusts the JVM's default trust store. */
    public LdapDirectory(LdapSettings settings) {
        this(settings, (SSLSocketFactory) SSLSocketFactory.getDefault());
    }

    /** @param tlsSockets for StartTLS: whom to trust (see {@link LdapTls#trusting}) */
    public LdapDirectory(LdapSettings settings, SSLSocketFactory tlsSockets) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.connector = new LdapConnector(settings, tlsSockets);
        this.userBase = parse(settings.userBaseDn());
        this.groupBase = settings.searchesGroups() ? parse(settings.groupBaseDn()) : null;
    }

    /**
     * The user, if {@code username} names exactly one entry and {@code password} is its password; empty for
     * an unknown user, a wrong password, a login name matching several entries, or an empty or oversized
     * login name or password. The caller keeps {@code password} and may clear it afterwards.
     *
     * @throws DirectoryUnavailableException the directory could not be asked: unreachable, timed out, TLS
     *                                       failed, or it refused the service account or the search
     */
    public Optional<DirectoryIdentity> authenticate(String username, char[] password) {
        if (!acceptableUsername(username) || password == null || password.length == 0
                || password.length > MAX_PASSWORD_LENGTH) {
            return Optional.empty();
        }
        try (LdapConnector.Bound reader = bindServiceAccount()) {
            Optional<SearchResult> user = findUser(reader.context(), username);
            if (user.isEmpty() || !passwordMatches(user.get().getNameInNamespace(), password)) {
                return Optional.empty();
            }
            return Optional.of(identity(reader.context(), user.get(), username));
        } catch (InterruptedNamingException e) {
            Thread.currentThread().interrupt();
            throw unavailable("interrupted while asking", e);
        } catch (NamingException e) {
            throw unavailable("failed", e);
        }
    }

    private LdapConnector.Bound bindServiceAccount() throws NamingException {
        try {
            return connector.bind(settings.bindDn(), settings.bindPassword());
        } catch (AuthenticationException e) {
            throw unavailable("refused the service account " + settings.bindDn() + " (check its DN and password)", e);
        }
    }

    /** The one entry the login name matches; empty for none, and for several (the directory is ambiguous). */
    private Optional<SearchResult> findUser(LdapContext reader, String username) throws NamingException {
        SearchControls controls = controls(2, Stream.of(settings.usernameAttribute(), settings.emailAttribute(),
                settings.displayNameAttribute(), "cn", settings.groupAttribute()).filter(a -> !a.isEmpty())
                .distinct().toArray(String[]::new));
        List<SearchResult> found = search(reader, userBase, settings.userFilter(), username, controls);
        return found.size() == 1 ? Optional.of(found.get(0)) : Optional.empty();
    }

    private boolean passwordMatches(String userDn, char[] password) throws NamingException {
        try {
            connector.bind(userDn, password).close(); // the bind was the check; the connection has no more use
            return true;
        } catch (AuthenticationException e) {
            return false; // wrong password, or (AD) a locked, expired or disabled account
        }
    }

    private DirectoryIdentity identity(LdapContext reader, SearchResult user, String typed) throws NamingException {
        Attributes attributes = user.getAttributes();
        String username = first(attributes, settings.usernameAttribute());
        String displayName = first(attributes, settings.displayNameAttribute());
        if (displayName.isEmpty()) {
            displayName = first(attributes, "cn");
        }
        List<String> groupDns = settings.groupAttribute().isEmpty() ? List.of()
                : all(attributes, settings.groupAttribute());
        if (groupDns.isEmpty() && groupBase != null) {
            groupDns = groupsByMembership(reader, user.getNameInNamespace());
        }
        // The directory's spelling of the name: matching rules ignore case, so "ALICE" logs in as alice.
        return new DirectoryIdentity(username.isEmpty() ? typed : username, first(attributes, settings.emailAttribute()),
                displayName, GroupNames.of(groupDns));
    }

    private List<String> groupsByMembership(LdapContext reader, String userDn) throws NamingException {
        SearchControls controls = controls(0, new String[0]);
        List<String> dns = new ArrayList<>();
        for (SearchResult group : search(reader, groupBase, settings.groupFilter(), userDn, controls)) {
            dns.add(group.getNameInNamespace());
        }
        return dns;
    }

    /**
     * Runs a search with {@code value} as the filter's {@code {0}}. Reaching a count limit (ours, or the
     * server's size limit) ends the search without error: the caller sees that many results and decides.
     */
    private static List<SearchResult> search(LdapContext ctx, LdapName base, String filter, String value,
                                             SearchControls controls) throws NamingException {
        List<SearchResult> results = new ArrayList<>();
        NamingEnumeration<SearchResult> answer = ctx.search(base, filter, new Object[]{value}, controls);
        try {
            while (answer.hasMore()) {
                results.add(answer.next());
            }
        } catch (SizeLimitExceededException e) {
            // the count limit was reached: results holds what was asked for
        } catch (PartialResultException e) {
            // a referral was left unfollowed (Context.REFERRAL=ignore); what came back is all there is
        } finally {
            answer.close();
        }
        return results;
    }

    private SearchControls controls(long countLimit, String[] attributes) {
        SearchControls controls = new SearchControls();
        controls.setSearchScope(SearchControls.SUBTREE_SCOPE);
        controls.setCountLimit(countLimit);
        controls.setTimeLimit((int) Math.min(Integer.MAX_VALUE, settings.readTimeout().toMillis()));
        controls.setReturningAttributes(attributes);
        controls.setDerefLinkFlag(false);
        return controls;
    }

    private static String first(Attributes attributes, String name) throws NamingException {
        List<String> values = all(attributes, name);
        return values.isEmpty() ? "" : values.get(0);
    }

    private static List<String> all(Attributes attributes, String name) throws NamingException {
        Attribute attribute = attributes.get(name);
        if (attribute == null) {
            return List.of();
        }
        List<String> values = new ArrayList<>();
        NamingEnumeration<?> all = attribute.getAll();
        try {
            while (all.hasMore()) {
                Object value = all.next();
                values.add(value instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : String.valueOf(value));
            }
        } finally {
            all.close();
        }
        return values;
    }

    // NUL and other control characters are never part of a login name; refusing them spares the server.
    private static boolean acceptableUsername(String username) {
        return username != null && !username.isBlank() && username.length() <= MAX_USERNAME_LENGTH
                && username.chars().noneMatch(Character::isISOControl);
    }

    private DirectoryUnavailableException unavailable(String what, NamingException e) {
        return new DirectoryUnavailableException("LDAP directory " + settings.url() + " " + what + ": " + describe(e), e);
    }

    private static String describe(NamingException e) {
        Throwable root = e.getRootCause() != null ? e.getRootCause() : e.getCause();
        return e.getClass().getSimpleName() + " " + e.getExplanation() + (root == null ? "" : " (" + root + ")");
    }

    private static LdapName parse(String dn) {
        try {
            return new LdapName(dn);
        } catch (javax.naming.InvalidNameException e) {
            throw new IllegalArgumentException("not a DN: " + dn, e); // LdapSettings has checked it already
        }
    }
}
