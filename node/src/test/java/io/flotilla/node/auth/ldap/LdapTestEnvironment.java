package io.flotilla.node.auth.ldap;

import io.flotilla.storage.services.ServicesScript;

import java.util.HashMap;
import java.time.Duration;
import java.util.Map;

/**
 * The slapd the LDAP tests run against: from the {@code FLOTILLA_LDAP_*} variables that
 * {@code deploy/local/services.sh env ldap} prints (CI exports them), or, when they are not set, from a
 * server this class starts with {@code deploy/local/services.sh up ldap} (about a second; it installs
 * slapd first if it must). A server that cannot be had fails the tests; they never skip.
 */
final class LdapTestEnvironment {
    static final String URL = "FLOTILLA_LDAP_URL";
    private static final String START_HINT = "start it with: deploy/local/services.sh up ldap";

    private static Map<String, String> variables;

    private LdapTestEnvironment() {
    }

    /** Settings for the seed directory: the reader account, users under ou=people, memberOf groups. */
    static LdapSettings settings() {
        return LdapSettings.fromMap(settingsMap());
    }

    /** The same as a map of {@link LdapSettings#KEYS}, for tests that change a key or two. */
    static Map<String, String> settingsMap() {
        Map<String, String> map = new HashMap<>();
        map.put("url", variable(URL));
        map.put("bindDn", variable("FLOTILLA_LDAP_BIND_DN"));
        map.put("bindPassword", variable("FLOTILLA_LDAP_BIND_PASSWORD"));
        map.put("userBaseDn", variable("FLOTILLA_LDAP_USER_BASE_DN"));
        return map;
    }

    /** A seed user's password: alice, bob, carol, zoe (for zoë) or twin. */
    static char[] password(String seedUser) {
        return variable("FLOTILLA_LDAP_SEED_PASSWORD_" + seedUser.toUpperCase(java.util.Locale.ROOT)).toCharArray();
    }

    static String variable(String name) {
        String value = variables().get(name);
        if (value == null || value.isBlank()) {
            throw new AssertionError(name + " is not set; deploy/local/services.sh env ldap prints it");
        }
        return value;
    }

    private static synchronized Map<String, String> variables() {
        if (variables == null) {
            variables = System.getenv(URL) != null ? System.getenv() : fromServicesScript();
        }
        return variables;
    }

    private static Map<String, String> fromServicesScript() {
        // up may have to install slapd first: allow for a slow apt-get
        ServicesScript.up("ldap", Duration.ofMinutes(5), START_HINT);
        return ServicesScript.env("ldap", START_HINT);
    }
}
