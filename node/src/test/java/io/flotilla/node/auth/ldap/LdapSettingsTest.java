package io.flotilla.node.auth.ldap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What {@link LdapSettings} accepts, what it fills in, and what it refuses before any server is asked. */
class LdapSettingsTest {
    private static final String URL = "ldap://127.0.0.1:3890";
    private static final String READER = "cn=reader,ou=services,dc=example,dc=org";
    private static final String PEOPLE = "ou=people,dc=example,dc=org";

    @Test
    void defaultsSuitOpenLdapWithMemberOf() {
        LdapSettings s = LdapSettings.of(URL, READER, "secret", PEOPLE);
        assertEquals("(uid={0})", s.userFilter());
        assertEquals("uid", s.usernameAttribute());
        assertEquals("mail", s.emailAttribute());
        assertEquals("displayName", s.displayNameAttribute());
        assertEquals("memberOf", s.groupAttribute());
        assertEquals("", s.groupBaseDn());
        assertFalse(s.searchesGroups());
        assertEquals("(member={0})", s.groupFilter());
        assertEquals(Duration.ofSeconds(3), s.connectTimeout());
        assertEquals(Duration.ofSeconds(5), s.readTimeout());
        assertFalse(s.startTls());
    }

    @Test
    void activeDirectorySettingsAreAccepted() {
        LdapSettings s = LdapSettings.fromMap(Map.of("url", "ldaps://dc1.corp.example:636 ldaps://dc2.corp.example",
                "bindDn", "svc-flotilla@corp.example", "bindPassword", "secret",
                "userBaseDn", "OU=Staff,DC=corp,DC=example", "userFilter",
                "(&(objectClass=user)(sAMAccountName={0})(!(userAccountControl:1.2.840.113556.1.4.803:=2)))",
                "usernameAttribute", "sAMAccountName", "connectTimeoutMs", "1500", "readTimeoutMs", "4000"));
        assertEquals("sAMAccountName", s.usernameAttribute());
        assertEquals(Duration.ofMillis(1500), s.connectTimeout());
        assertEquals(Duration.ofMillis(4000), s.readTimeout());
    }

    @Test
    void groupSearchIsOnWithABaseDnAndGroupAttributeCanBeSwitchedOff() {
        LdapSettings s = LdapSettings.fromMap(Map.of("url", URL, "bindDn", READER, "bindPassword", "secret",
                "userBaseDn", PEOPLE, "groupAttribute", "", "groupBaseDn", "ou=groups,dc=example,dc=org",
                "groupFilter", "(&(objectClass=groupOfNames)(member={0}))", "startTls", "true"));
        assertEquals("", s.groupAttribute());
        assertTrue(s.searchesGroups());
        assertTrue(s.startTls());
    }

    @Test
    void toStringHidesThePassword() {
        String text = LdapSettings.of(URL, READER, "hunter2-secret", PEOPLE).toString();
        assertFalse(text.contains("hunter2-secret"), text);
        assertTrue(text.contains(READER), text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "http://127.0.0.1:3890", "127.0.0.1:3890", "ldap://", "ldap:///dc=example",
            "ldap://host/dc=example,dc=org", "ldap://host?uid", "ldap://user@host", "ldap://host ftp://other",
            "ldap://ho st"})
    void badUrlsAreRefused(String url) {
        refused(Map.of("url", url));
    }

    @Test
    void startTlsOverLdapsIsRefused() {
        refused(Map.of("url", "ldaps://dc.corp.example", "startTls", "true"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"uid={0}", "(uid=alice)", "(uid={1})", "(|(uid={0})(mail={1}))", "(uid={0}",
            "(uid={0}))", "(uid={0})(mail={0})", "(uid={x})", ")(uid={0}("})
    void badUserFiltersAreRefused(String filter) {
        refused(Map.of("userFilter", filter));
    }

    @Test
    void badGroupFilterIsRefused() {
        refused(Map.of("groupFilter", "(member=uid=alice)"));
    }

    @Test
    void escapedParenthesesDoNotUnbalanceAFilter() {
        LdapSettings s = settings(Map.of("userFilter", "(&(uid={0})(description=a\\29b))"));
        assertEquals("(&(uid={0})(description=a\\29b))", s.userFilter());
    }

    @ParameterizedTest
    @ValueSource(strings = {"uid,mail", "uid)(x", "1uid", "mail;binary", "uid=*"})
    void badAttributeNamesAreRefused(String attribute) {
        for (String key : new String[]{"usernameAttribute", "emailAttribute", "displayNameAttribute", "groupAttribute"}) {
            refused(Map.of(key, attribute));
        }
    }

    @Test
    void oidAttributeNamesAreAccepted() {
        assertEquals("0.9.2342.19200300.100.1.1", settings(Map.of("usernameAttribute", "0.9.2342.19200300.100.1.1"))
                .usernameAttribute());
    }

    @ParameterizedTest
    @ValueSource(strings = {"ou=people,dc=example,", "people", "=x", "ou=people,,dc=x"})
    void badBaseDnsAreRefused(String dn) {
        refused(Map.of("userBaseDn", dn));
        refused(Map.of("groupBaseDn", dn));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "300001", "ten", "1.5"})
    void badTimeoutsAreRefused(String millis) {
        refused(Map.of("connectTimeoutMs", millis));
        refused(Map.of("readTimeoutMs", millis));
    }

    @Test
    void missingRequiredValuesAreNamed() {
        for (String key : new String[]{"url", "bindDn", "bindPassword", "userBaseDn"}) {
            Map<String, String> values = new HashMap<>(base());
            values.remove(key);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LdapSettings.fromMap(values));
            assertTrue(e.getMessage().contains(key), e.getMessage());
        }
    }

    @Test
    void unknownKeysAndBadBooleansAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> settings(Map.of("userfilter", "(uid={0})")));
        assertTrue(e.getMessage().contains("userfilter"), e.getMessage());
        refused(Map.of("startTls", "yes"));
    }

    private static LdapSettings settings(Map<String, String> overrides) {
        Map<String, String> values = new HashMap<>(base());
        values.putAll(overrides);
        return LdapSettings.fromMap(values);
    }

    private static void refused(Map<String, String> overrides) {
        assertThrows(IllegalArgumentException.class, () -> settings(overrides), () -> "accepted " + overrides);
    }

    private static Map<String, String> base() {
        return Map.of("url", URL, "bindDn", READER, "bindPassword", "secret", "userBaseDn", PEOPLE);
    }
}
