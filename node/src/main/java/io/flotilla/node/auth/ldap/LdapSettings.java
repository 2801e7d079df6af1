package io.flotilla.node.auth.ldap;

import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * How to reach an LDAP directory or Active Directory, and where its users and groups are.
 *
 * @param url                  {@code ldap://host:port} or {@code ldaps://host:port}; several, separated by
 *                             spaces, are tried in turn (each within the connect timeout)
 * @param bindDn               the read-only service account that searches users and groups: a DN, or for
 *                             AD also its user principal name
 * @param bindPassword         its password
 * @param userBaseDn           the subtree users are searched in
 * @param userFilter           finds a user by login name, which is passed as {@code {0}} (escaped, never
 *                             pasted in): {@code (uid={0})}, or {@code (sAMAccountName={0})} for AD
 * @param usernameAttribute    holds the login name as the directory spells it: uid, or sAMAccountName
 * @param emailAttribute       holds the e-mail address
 * @param displayNameAttribute holds the display name; cn is used when the entry lacks it
 * @param groupAttribute       on the user entry, holds the DNs of the user's groups (memberOf); empty to
 *                             find groups only by searching them
 * @param groupBaseDn          where to search groups when the user entry has no group attribute; empty for
 *                             no search
 * @param groupFilter          finds the groups of a user, whose DN is passed as {@code {0}}
 * @param connectTimeout       of opening one connection, and of waiting for the answer to its bind (JNDI
 *                             counts the bind as part of connecting)
 * @param readTimeout          of waiting for any other answer: StartTLS, searches
 * @param startTls             upgrade {@code ldap://} connections with StartTLS before sending passwords
 */
public record LdapSettings(String url, String bindDn, String bindPassword, String userBaseDn, String userFilter,
                           String usernameAttribute, String emailAttribute, String displayNameAttribute,
                           String groupAttribute, String groupBaseDn, String groupFilter,
                           Duration connectTimeout, Duration readTimeout, boolean startTls) {

    public static final String DEFAULT_USER_FILTER = "(uid={0})";
    public static final String DEFAULT_USERNAME_ATTRIBUTE = "uid";
    public static final String DEFAULT_EMAIL_ATTRIBUTE = "mail";
    public static final String DEFAULT_DISPLAY_NAME_ATTRIBUTE = "displayName";
    public static final String DEFAULT_GROUP_ATTRIBUTE = "memberOf";
    public static final String DEFAULT_GROUP_FILTER = "(member={0})";
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(3);
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(5);

    /** The keys {@link #fromMap} reads: the component names, timeouts in milliseconds. */
    public static final Set<String> KEYS = Set.of("url", "bindDn", "bindPassword", "userBaseDn", "userFilter",
            "usernameAttribute", "emailAttribute", "displayNameAttribute", "groupAttribute", "groupBaseDn",
            "groupFilter", "connectTimeoutMs", "readTimeoutMs", "startTls");

    // An attribute description: a name (RFC 4512 keystring) or an OID, without options.
    private static final Pattern ATTRIBUTE = Pattern.compile("[A-Za-z][A-Za-z0-9-]{0,63}|[0-9]+(\\.[0-9]+)*");
    // Any {n} placeholder; only {0} is ever filled in.
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{[^}]*}");
    private static final Duration LONGEST_TIMEOUT = Duration.ofMinutes(5);

    public LdapSettings {
        url = requireText(url, "url").trim();
        List<URI> urls = urls(url);
        // A DN, or for AD also a user principal name (reader@corp.example): not parsed, the server judges it.
        bindDn = requireText(bindDn, "bindDn").trim();
        bindPassword = requireText(bindPassword, "bindPassword");
        userBaseDn = dn(requireText(userBaseDn, "userBaseDn"), "userBaseDn");
        userFilter = filter(orDefault(userFilter, DEFAULT_USER_FILTER), "userFilter");
        usernameAttribute = attribute(orDefault(usernameAttribute, DEFAULT_USERNAME_ATTRIBUTE), "usernameAttribute");
        emailAttribute = attribute(orDefault(emailAttribute, DEFAULT_EMAIL_ATTRIBUTE), "emailAttribute");
        displayNameAttribute = attribute(orDefault(displayNameAttribute, DEFAULT_DISPLAY_NAME_ATTRIBUTE),
                "displayNameAttribute");
        // Here null means the default and empty means "none": AD and OpenLDAP with the overlay have memberOf.
        groupAttribute = groupAttribute == null ? DEFAULT_GROUP_ATTRIBUTE
                : groupAttribute.isBlank() ? "" : attribute(groupAttribute, "groupAttribute");
        groupBaseDn = groupBaseDn == null || groupBaseDn.isBlank() ? "" : dn(groupBaseDn, "groupBaseDn");
        groupFilter = filter(orDefault(groupFilter, DEFAULT_GROUP_FILTER), "groupFilter");
        connectTimeout = timeout(connectTimeout == null ? DEFAULT_CONNECT_TIMEOUT : connectTimeout, "connectTimeout");
        readTimeout = timeout(readTimeout == null ? DEFAULT_READ_TIMEOUT : readTimeout, "readTimeout");
        if (startTls && urls.stream().anyMatch(u -> u.getScheme().equalsIgnoreCase("ldaps"))) {
            throw new IllegalArgumentException("startTls is for ldap:// URLs; ldaps:// is already encrypted: " + url);
        }
    }

    /** Settings with every default: uid and memberOf, no group search, 3 s connect, 5 s read, no StartTLS. */
    public static LdapSettings of(String url, String bindDn, String bindPassword, String userBaseDn) {
        return new LdapSettings(url, bindDn, bindPassword, userBaseDn, null, null, null, null, null, null, null,
                null, null, false);
    }

    /**
     * Settings from string values keyed by {@link #KEYS}; absent keys take their defaults. An unknown key is
     * an error, so that a misspelt one cannot silently fall back to a default.
     */
    public static LdapSettings fromMap(Map<String, String> values) {
        Map<String, String> v = new HashMap<>(values);
        v.keySet().stream().filter(k -> !KEYS.contains(k)).findFirst().ifPresent(k -> {
            throw new IllegalArgumentException("unknown LDAP setting " + k + "; known: " + KEYS);
        });
        return new LdapSettings(v.get("url"), v.get("bindDn"), v.get("bindPassword"), v.get("userBaseDn"),
                v.get("userFilter"), v.get("usernameAttribute"), v.get("emailAttribute"),
                v.get("displayNameAttribute"), v.get("groupAttribute"), v.get("groupBaseDn"), v.get("groupFilter"),
                millis(v.get("connectTimeoutMs"), "connectTimeoutMs"), millis(v.get("readTimeoutMs"), "readTimeoutMs"),
                bool(v.get("startTls"), "startTls"));
    }

    /** Whether the user's groups are searched for when the user entry names none. */
    public boolean searchesGroups() {
        return !groupBaseDn.isEmpty();
    }

    /** Like the record's, but without the password. */
    @Override
    public String toString() {
        return "LdapSettings[url=" + url + ", bindDn=" + bindDn + ", bindPassword=***, userBaseDn=" + userBaseDn
                + ", userFilter=" + userFilter + ", usernameAttribute=" + usernameAttribute + ", emailAttribute="
                + emailAttribute + ", displayNameAttribute=" + displayNameAttribute + ", groupAttribute="
                + groupAttribute + ", groupBaseDn=" + groupBaseDn + ", groupFilter=" + groupFilter
                + ", connectTimeout=" + connectTimeout + ", readTimeout=" + readTimeout + ", startTls=" + startTls + "]";
    }

    private static List<URI> urls(String text) {
        List<URI> urls = Pattern.compile("\\s+").splitAsStream(text).map(LdapSettings::ldapUrl).toList();
        if (urls.isEmpty()) {
            throw new IllegalArgumentException("url is empty");
        }
        return urls;
    }

    private static URI ldapUrl(String text) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("invalid LDAP URL '" + text + "': " + e.getMessage(), e);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("ldap") && !scheme.equals("ldaps")) {
            throw new IllegalArgumentException("LDAP URL must start with ldap:// or ldaps://: " + text);
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("LDAP URL names no host: " + text);
        }
        // A DN in the URL would become the base of every name; this class wants absolute DNs only.
        boolean bare = (uri.getRawPath() == null || uri.getRawPath().isEmpty() || uri.getRawPath().equals("/"))
                && uri.getRawQuery() == null && uri.getRawFragment() == null && uri.getRawUserInfo() == null;
        if (!bare) {
            throw new IllegalArgumentException("LDAP URL must be only scheme, host and port: " + text);
        }
        return uri;
    }

    private static String dn(String text, String name) {
        try {
            LdapName dn = new LdapName(text.trim());
            // LdapName takes "ou=people,dc=example," as having an empty RDN; no server would.
            if (dn.isEmpty() || dn.getRdns().stream().anyMatch(rdn -> rdn.size() == 0)) {
                throw new IllegalArgumentException(name + " is not a valid DN: " + text);
            }
            return dn.toString();
        } catch (InvalidNameException e) {
            throw new IllegalArgumentException(name + " is not a valid DN: " + text, e);
        }
    }

    // A filter with exactly one kind of placeholder, {0}, in balanced parentheses: a typo here would
    // otherwise only surface as a server error at the first login.
    private static String filter(String text, String name) {
        String f = text.trim();
        if (!f.startsWith("(") || !f.endsWith(")") || !balanced(f)) {
            throw new IllegalArgumentException(name + " must be one parenthesised LDAP filter: " + text);
        }
        if (!f.contains("{0}") || PLACEHOLDER.matcher(f).results().anyMatch(m -> !m.group().equals("{0}"))) {
            throw new IllegalArgumentException(name + " must use {0}, and only {0}, for the value: " + text);
        }
        return f;
    }

    private static boolean balanced(String filter) {
        int depth = 0;
        for (int i = 0; i < filter.length(); i++) {
            char c = filter.charAt(i);
            if (depth == 0 && i > 0) {
                return false; // anything after the outer filter closed: "(a=1)(b=2)" is not one filter
            }
            if (c == '\\') {
                i++; // an escaped character (\28 is "(") never opens or closes
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            }
        }
        return depth == 0;
    }

    private static String attribute(String text, String name) {
        String a = text.trim();
        if (!ATTRIBUTE.matcher(a).matches()) {
            throw new IllegalArgumentException(name + " is not an attribute name: " + text);
        }
        return a;
    }

    private static Duration timeout(Duration d, String name) {
        if (d.isNegative() || d.toMillis() < 1 || d.compareTo(LONGEST_TIMEOUT) > 0) {
            throw new IllegalArgumentException(name + " must be between 1 ms and " + LONGEST_TIMEOUT + ": " + d);
        }
        return d;
    }

    private static String requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("LDAP " + name + " is not set");
        }
        return value;
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }

    private static Duration millis(String text, String name) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Duration.ofMillis(Long.parseLong(text.trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number of milliseconds: " + text, e);
        }
    }

    private static boolean bool(String text, String name) {
        if (text == null || text.isBlank()) {
            return false;
        }
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException(name + " must be true or false: " + text);
        };
    }
}
