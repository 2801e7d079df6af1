package io.flotilla.node.auth.oidc;

import org.junit.jupiter.api.Test;

import java.util.Base64;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CliSecretTest {

    @Test
    void aSecretIsThePrefixAnd32RandomBytes() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            String secret = CliSecret.generate();
            assertTrue(secret.startsWith(CliSecret.PREFIX), secret);
            assertEquals(32, Base64.getUrlDecoder().decode(secret.substring(CliSecret.PREFIX.length())).length);
            assertTrue(CliSecret.looksLikeCliSecret(secret), secret);
            assertTrue(seen.add(secret), "repeated " + secret);
        }
    }

    @Test
    void passwordsAndDamagedSecretsDoNotLookLikeOne() {
        String good = CliSecret.generate();
        assertFalse(CliSecret.looksLikeCliSecret(null));
        assertFalse(CliSecret.looksLikeCliSecret(""));
        assertFalse(CliSecret.looksLikeCliSecret("hunter2"));
        assertFalse(CliSecret.looksLikeCliSecret(good.substring(CliSecret.PREFIX.length())));
        assertFalse(CliSecret.looksLikeCliSecret(good.substring(0, good.length() - 1)));
        assertFalse(CliSecret.looksLikeCliSecret(good + "x"));
        assertFalse(CliSecret.looksLikeCliSecret(good.substring(0, good.length() - 1) + "+"));
        assertFalse(CliSecret.looksLikeCliSecret(" " + good));
    }
}
