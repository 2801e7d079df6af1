package io.flotilla.node.auth.oidc;

import io.flotilla.storage.services.ServicesScript;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The Keycloak the OIDC tests log in to, as CassandraTestEnvironment finds Cassandra: the
 * {@code FLOTILLA_OIDC_*} variables from the environment, else those {@code deploy/local/services.sh env
 * keycloak} prints. When the environment names no Keycloak and the script's does not answer, the tests start
 * it with {@code services.sh up keycloak} (idempotent; it stays running for the next run, as the other
 * services do). A Keycloak named by the environment that does not answer fails the tests; none skips them.
 */
final class KeycloakTestEnvironment {
    static final String START_HINT = "start it with: deploy/local/services.sh up keycloak";
    static final String ISSUER = "FLOTILLA_OIDC_ISSUER";
    private static final List<String> KEYS = List.of(ISSUER, "FLOTILLA_OIDC_CLIENT_ID", "FLOTILLA_OIDC_CLIENT_SECRET",
            "FLOTILLA_OIDC_TEST_OTHER_CLIENT_ID", "FLOTILLA_OIDC_TEST_OTHER_CLIENT_SECRET",
            "FLOTILLA_OIDC_TEST_PASSWORD_DAVE", "FLOTILLA_OIDC_TEST_PASSWORD_ERIN", "FLOTILLA_OIDC_TEST_PASSWORD_FRANK");
    private static final Duration START_TIMEOUT = Duration.ofMinutes(6);

    /** The realm's settings: its issuer, the Flotilla client, another client, and the test users' passwords. */
    record Keycloak(URI issuer, String clientId, String clientSecret, String otherClientId, String otherClientSecret,
                    Map<String, String> passwords) {
        String password(String user) {
            return passwords.get(user);
        }
    }

    private static Keycloak running;

    private KeycloakTestEnvironment() {
    }

    /** The running Keycloak, found or started once per test JVM. */
    static synchronized Keycloak keycloak() {
        if (running == null) {
            running = find();
        }
        return running;
    }

    private static Keycloak find() {
        Map<String, String> vars = new HashMap<>(System.getenv());
        boolean named = vars.containsKey(ISSUER);
        if (!KEYS.stream().allMatch(vars::containsKey)) {
            servicesScript("env").forEach(vars::putIfAbsent);
        }
        Keycloak keycloak = from(vars);
        if (!answers(keycloak.issuer())) {
            if (named) {
                throw new AssertionError(ISSUER + "=" + keycloak.issuer() + " does not answer; " + START_HINT);
            }
            servicesScript("up");
            keycloak = from(servicesScript("env"));
            if (!answers(keycloak.issuer())) {
                throw new AssertionError("Keycloak at " + keycloak.issuer() + " does not answer after services.sh up");
            }
        }
        return keycloak;
    }

    private static Keycloak from(Map<String, String> vars) {
        for (String key : KEYS) {
            if (vars.get(key) == null || vars.get(key).isEmpty()) {
                throw new AssertionError(key + " is not set; " + START_HINT);
            }
        }
        return new Keycloak(URI.create(vars.get(ISSUER)), vars.get("FLOTILLA_OIDC_CLIENT_ID"),
                vars.get("FLOTILLA_OIDC_CLIENT_SECRET"), vars.get("FLOTILLA_OIDC_TEST_OTHER_CLIENT_ID"),
                vars.get("FLOTILLA_OIDC_TEST_OTHER_CLIENT_SECRET"),
                Map.of("dave", vars.get("FLOTILLA_OIDC_TEST_PASSWORD_DAVE"),
                        "erin", vars.get("FLOTILLA_OIDC_TEST_PASSWORD_ERIN"),
                        "frank", vars.get("FLOTILLA_OIDC_TEST_PASSWORD_FRANK")));
    }

    /** True when the realm's discovery document is served. */
    static boolean answers(URI issuer) {
        try (HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build()) {
            HttpResponse<Void> response = client.send(HttpRequest.newBuilder(
                    URI.create(issuer + "/.well-known/openid-configuration")).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Runs {@code services.sh COMMAND keycloak}; for env, its KEY=VALUE lines. Its stderr goes to the test log. */
    private static Map<String, String> servicesScript(String command) {
        if (command.equals("up")) {
            ServicesScript.up("keycloak", START_TIMEOUT, START_HINT);
            return Map.of();
        }
        return ServicesScript.env("keycloak", START_HINT);
    }
}
