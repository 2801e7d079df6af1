package io.flotilla.node.auth.oidc;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PkceTest {

    @Test
    void s256ChallengeMatchesRfc7636AppendixB() {
        assertEquals("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
                Pkce.challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"));
    }

    @Test
    void newVerifiersAre43UnreservedCharactersAndNeverRepeat() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            String verifier = Pkce.newVerifier();
            assertTrue(verifier.matches("[A-Za-z0-9_-]{43}"), verifier);
            assertTrue(seen.add(verifier), "repeated " + verifier);
            Pkce.challenge(verifier); // every generated verifier is one the challenge accepts
        }
    }

    @Test
    void challengeRefusesVerifiersOutsideRfc7636() {
        assertThrows(IllegalArgumentException.class, () -> Pkce.challenge(null));
        assertThrows(IllegalArgumentException.class, () -> Pkce.challenge("a".repeat(42)));
        assertThrows(IllegalArgumentException.class, () -> Pkce.challenge("a".repeat(129)));
        assertThrows(IllegalArgumentException.class, () -> Pkce.challenge("a".repeat(42) + "+"));
        Pkce.challenge("a".repeat(128)); // the longest allowed
    }
}
