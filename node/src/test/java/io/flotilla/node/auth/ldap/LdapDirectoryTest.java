package io.flotilla.node.auth.ldap;

import io.flotilla.node.auth.DirectoryIdentity;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link LdapDirectory} against a real slapd seeded by {@code deploy/local/services/ldap.sh} (see
 * {@link LdapTestEnvironment}): alice in devs, bob in ops, carol in no group and without mail or
 * displayName, zoë in both, and two entries sharing uid=twin.
 */
class LdapDirectoryTest {
    private static final String DEVS = "devs";
    private static final String OPS = "ops";

    private static LdapDirectory directory;

    @BeforeAll
    static void connect() {
        directory = new LdapDirectory(LdapTestEnvironment.settings());
    }

    @Test
    void rightPasswordGivesTheUserWithMappedGroups() {
        DirectoryIdentity alice = login(directory, "alice", "alice");
        assertEquals(new DirectoryIdentity("alice", "alice@flotilla.test", "Alice Archer", List.of(DEVS)), alice);
        DirectoryIdentity bob = login(directory, "bob", "bob");
        assertEquals(new DirectoryIdentity("bob", "bob@flotilla.test", "Bob B.", List.of(OPS)), bob);
    }

    @Test
    void userInNoGroupHasNoGroupsAndFallsBackToCn() {
        assertEquals(new DirectoryIdentity("carol", "", "Carol Chen", List.of()), login(directory, "carol", "carol"));
    }

    @Test
    void nonAsciiUsernameLogsInWithAllItsGroups() {
        assertEquals(new DirectoryIdentity("zoë", "zoe@flotilla.test", "Zoë Ærø", List.of(DEVS, OPS)),
                login(directory, "zoë", "zoe"));
        // "zoe" is another name, not a looser spelling of it
        assertEquals(Optional.empty(), directory.authenticate("zoe", LdapTestEnvironment.password("zoe")));
    }

    @Test
    void nameIsMatchedAsTheDirectoryMatchesItButAnsweredInItsSpelling() {
        assertEquals("alice", login(directory, "ALICE", "alice").username());
    }

    @Test
    void wrongPasswordIsRefused() {
        assertEquals(Optional.empty(), directory.authenticate("alice", "alice-secret-2".toCharArray()));
        assertEquals(Optional.empty(), directory.authenticate("alice", LdapTestEnvironment.password("bob")));
        assertEquals(Optional.empty(), directory.authenticate("alice", LdapTestEnvironment.variable(
                "FLOTILLA_LDAP_BIND_PASSWORD").toCharArray()));
    }

    @Test
    void unknownUserIsRefused() {
        assertEquals(Optional.empty(), directory.authenticate("mallory", LdapTestEnvironment.password("alice")));
    }

    @Test
    void nameMatchingSeveralEntriesIsRefusedEvenWithTheirPassword() {
        assertEquals(Optional.empty(), directory.authenticate("twin", LdapTestEnvironment.password("twin")));
    }

    @Test
    void callersPasswordIsLeftAsItWas() {
        char[] password = LdapTestEnvironment.password("alice");
        login(directory, "alice", password);
        assertArrayEquals(LdapTestEnvironment.password("alice"), password);
    }

    /**
     * Each of these would widen a filter built by pasting the name in, e.g. {@code (uid=al*)} matches alice,
     * so with alice's password only escaping stands between them and a login.
     */
    @ParameterizedTest
    @ValueSource(strings = {"*", "al*", "*ice", "a*e", "alice)(uid=*", "*)(uid=*", ")(uid=*", "alice)(|(uid=*)",
            "alice\\", "\\", "al\\2a", "al\\*", "(uid=alice)", "alice\u0000", "\u0000", "alice\u0000bob"})
    void injectionInTheNameMatchesNobody(String hostile) {
        assertEquals(Optional.empty(), directory.authenticate(hostile, LdapTestEnvironment.password("alice")));
    }

    /** Escaping must also keep the name whole: a DN-like or filter-like name is looked up as the text it is. */
    @ParameterizedTest
    @ValueSource(strings = {"uid=alice,ou=people,dc=flotilla,dc=test", "alice,ou=people", "cn=flotilla-reader"})
    void dnInTheNameIsNotBoundAs(String hostile) {
        assertEquals(Optional.empty(), directory.authenticate(hostile, LdapTestEnvironment.password("alice")));
        assertEquals(Optional.empty(), directory.authenticate(hostile,
                LdapTestEnvironment.variable("FLOTILLA_LDAP_BIND_PASSWORD").toCharArray()));
    }

    @Test
    void emptyPasswordOrNameIsRefusedWithoutAskingTheServer() throws IOException {
        // A directory whose server is gone: had these reached it, they would throw, not come back empty.
        LdapDirectory nowhere = new LdapDirectory(settingsAt("ldap://127.0.0.1:" + closedPort(), Map.of()));
        for (LdapDirectory d : List.of(directory, nowhere)) {
            assertEquals(Optional.empty(), d.authenticate("alice", new char[0]));
            assertEquals(Optional.empty(), d.authenticate("alice", null));
            assertEquals(Optional.empty(), d.authenticate("", LdapTestEnvironment.password("alice")));
            assertEquals(Optional.empty(), d.authenticate("   ", LdapTestEnvironment.password("alice")));
            assertEquals(Optional.empty(), d.authenticate(null, LdapTestEnvironment.password("alice")));
            assertEquals(Optional.empty(), d.authenticate("alice\u0000", LdapTestEnvironment.password("alice")));
            assertEquals(Optional.empty(), d.authenticate("a".repeat(LdapDirectory.MAX_USERNAME_LENGTH + 1),
                    LdapTestEnvironment.password("alice")));
            assertEquals(Optional.empty(), d.authenticate("alice", new char[LdapDirectory.MAX_PASSWORD_LENGTH + 1]));
        }
        // and the real server agrees with the refusal of a blank password: it is no anonymous bind
        assertEquals(Optional.empty(), directory.authenticate("alice", " ".toCharArray()));
    }

    @Test
    void groupsAreFoundBySearchWhenEntriesHaveNoMemberOf() {
        // groupAttribute empty: as with a directory without the memberOf overlay
        LdapDirectory searching = new LdapDirectory(settingsAt(LdapTestEnvironment.variable(LdapTestEnvironment.URL),
                Map.of("groupAttribute", "", "groupBaseDn", LdapTestEnvironment.variable("FLOTILLA_LDAP_GROUP_BASE_DN"))));
        assertEquals(List.of(DEVS), login(searching, "alice", "alice").groups());
        assertEquals(List.of(DEVS, OPS), login(searching, "zoë", "zoe").groups());
        assertEquals(List.of(), login(searching, "carol", "carol").groups());
    }

    @Test
    void noGroupSourceMeansNoGroups() {
        LdapDirectory groupless = new LdapDirectory(settingsAt(LdapTestEnvironment.variable(LdapTestEnvironment.URL),
                Map.of("groupAttribute", "")));
        assertEquals(List.of(), login(groupless, "alice", "alice").groups());
    }

    /** Every context is closed: after logins that pass, fail and match nobody, this JVM holds no connection. */
    @Test
    void noConnectionOutlivesItsLogin() throws Exception {
        for (int i = 0; i < 5; i++) {
            login(directory, "alice", "alice");
            directory.authenticate("alice", "wrong".toCharArray());
            directory.authenticate("mallory", LdapTestEnvironment.password("alice"));
            directory.authenticate("twin", LdapTestEnvironment.password("twin"));
        }
        int port = URI.create(LdapTestEnvironment.variable(LdapTestEnvironment.URL)).getPort();
        String pid = "pid=" + ProcessHandle.current().pid() + ",";
        Process ss = new ProcessBuilder("ss", "-Htnp", "state", "established", "( dport = :" + port + " )")
                .redirectErrorStream(true).start();
        String out = new String(ss.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(ss.waitFor(10, TimeUnit.SECONDS) && ss.exitValue() == 0, "ss failed: " + out);
        assertEquals(List.of(), out.lines().filter(l -> l.contains(pid)).toList());
    }

    @Test
    void refusedServiceAccountIsUnavailableNotAFailedLogin() {
        LdapDirectory misconfigured = new LdapDirectory(settingsAt(LdapTestEnvironment.variable(LdapTestEnvironment.URL),
                Map.of("bindPassword", "not-the-reader-password")));
        DirectoryUnavailableException e = assertThrows(DirectoryUnavailableException.class,
                () -> misconfigured.authenticate("alice", LdapTestEnvironment.password("alice")));
        assertTrue(e.getMessage().contains("service account"), e.getMessage());
    }

    @Test
    void closedPortIsUnavailableWithinTheConnectTimeout() throws IOException {
        LdapDirectory down = new LdapDirectory(settingsAt("ldap://127.0.0.1:" + closedPort(),
                Map.of("connectTimeoutMs", "1000")));
        long start = System.nanoTime();
        assertThrows(DirectoryUnavailableException.class,
                () -> down.authenticate("alice", LdapTestEnvironment.password("alice")));
        assertTrue(elapsed(start).compareTo(Duration.ofSeconds(2)) < 0, "took " + elapsed(start));
    }

    /**
     * A server that takes the connection and never answers (hung, or not LDAP) is cut off. The first thing
     * sent is the bind, whose answer JNDI awaits for the connect timeout, not the read timeout.
     */
    @Test
    void silentServerIsUnavailableWithinTheConnectTimeout() throws IOException {
        // Never accepting is enough: the kernel completes the handshake of connections in the backlog.
        try (ServerSocket silent = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            LdapDirectory hung = new LdapDirectory(settingsAt("ldap://127.0.0.1:" + silent.getLocalPort(),
                    Map.of("connectTimeoutMs", "500", "readTimeoutMs", "60000")));
            long start = System.nanoTime();
            assertThrows(DirectoryUnavailableException.class,
                    () -> hung.authenticate("alice", LdapTestEnvironment.password("alice")));
            Duration took = elapsed(start);
            assertTrue(took.compareTo(Duration.ofMillis(450)) >= 0 && took.compareTo(Duration.ofSeconds(3)) < 0,
                    "took " + took);
        }
    }

    @Test
    void startTlsLogsInWhenTheServerCertificateIsTrusted() {
        LdapDirectory tls = new LdapDirectory(settingsAt(LdapTestEnvironment.variable(LdapTestEnvironment.URL),
                Map.of("startTls", "true")),
                LdapTls.trusting(Path.of(LdapTestEnvironment.variable("FLOTILLA_LDAP_CA_CERT"))));
        assertEquals(List.of(DEVS), login(tls, "alice", "alice").groups());
        assertEquals(Optional.empty(), tls.authenticate("alice", "wrong".toCharArray()));
    }

    @Test
    void startTlsWithAnUntrustedCertificateSendsNoPasswordAndIsUnavailable() {
        // The JVM's own trust store does not know the test server's self-signed certificate.
        LdapDirectory untrusting = new LdapDirectory(settingsAt(LdapTestEnvironment.variable(LdapTestEnvironment.URL),
                Map.of("startTls", "true")));
        assertThrows(DirectoryUnavailableException.class,
                () -> untrusting.authenticate("alice", LdapTestEnvironment.password("alice")));
    }

    private static DirectoryIdentity login(LdapDirectory d, String username, String seedUser) {
        return login(d, username, LdapTestEnvironment.password(seedUser));
    }

    private static DirectoryIdentity login(LdapDirectory d, String username, char[] password) {
        return d.authenticate(username, password)
                .orElseThrow(() -> new AssertionError(username + " was refused with the right password"));
    }

    private static LdapSettings settingsAt(String url, Map<String, String> overrides) {
        Map<String, String> map = LdapTestEnvironment.settingsMap();
        map.put("url", url);
        map.putAll(overrides);
        return LdapSettings.fromMap(map);
    }

    /** A loopback port nothing listens on: one the OS just handed out and took back. */
    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static Duration elapsed(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }
}
