package io.flotilla.chaos.client.auth;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Who the harness signs in as. Normally the bootstrap admin with a password the harness made up and gave its
 * nodes in {@code FLOTILLA_ADMIN_PASSWORD} (the first node to create the admin account takes it), so no run
 * depends on a password written into the code or on a file inside a node.
 */
public record Credentials(String user, String password) {

    /** The account every node creates at its first start. */
    public static final String ADMIN = "admin";
    private static final SecureRandom RANDOM = new SecureRandom();

    public Credentials {
        if (user == null || user.isEmpty() || user.indexOf(':') >= 0) {
            throw new IllegalArgumentException("a user name must be non-empty and hold no ':'");
        }
        if (password == null || password.isEmpty()) {
            throw new IllegalArgumentException("an empty password is no credential");
        }
    }

    /** The admin with a fresh random password (144 bits, URL-safe): one per cluster the harness starts. */
    public static Credentials randomAdmin() {
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        return new Credentials(ADMIN, Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }

    /** {@code Basic <base64(user:password)>}, the value of an {@code Authorization} header. */
    public String basicAuthorization() {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** Never the password: records end up in logs and assertion messages. */
    @Override
    public String toString() {
        return "Credentials[user=" + user + ", password hidden]";
    }
}
