package io.flotilla.bench.client;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The account the bench signs in to Flotilla with: the bootstrap admin, with a password made up for this run
 * and given to every Flotilla node it starts ({@code FLOTILLA_ADMIN_PASSWORD}).
 */
public record BenchCredentials(String user, String password) {

    /** The admin with a fresh random password (144 bits, URL-safe). */
    public static BenchCredentials randomAdmin() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return new BenchCredentials("admin", Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }

    /** {@code Basic <base64(user:password)>}. */
    public String basicAuthorization() {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** Never the password: options and records end up in logs. */
    @Override
    public String toString() {
        return "BenchCredentials[user=" + user + ", password hidden]";
    }
}
