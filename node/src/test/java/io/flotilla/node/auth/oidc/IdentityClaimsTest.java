package io.flotilla.node.auth.oidc;

import com.nimbusds.jwt.JWTClaimsSet;
import io.flotilla.node.auth.DirectoryIdentity;
import io.flotilla.node.auth.oidc.OidcLoginException.Reason;
import org.junit.jupiter.api.Test;

import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class IdentityClaimsTest {
    private final IdentityClaims mapping = new IdentityClaims("preferred_username", "groups");

    @Test
    void theUsualKeycloakClaimsMakeTheIdentity() {
        DirectoryIdentity who = mapping.identity(new JWTClaimsSet.Builder().claim("preferred_username", "dave")
                .claim("email", "dave@flotilla.test").claim("name", "Dave Developer")
                .claim("groups", List.of("devs", "ops")).build());
        assertEquals(new DirectoryIdentity("dave", "dave@flotilla.test", "Dave Developer", List.of("devs", "ops")), who);
    }

    @Test
    void groupPathsLoseTheirLeadingSlashAndRepeatsAndBlanksGo() {
        DirectoryIdentity who = mapping.identity(user().claim("groups", List.of("/devs", "devs", "/org/ops", "/", "")).build());
        assertEquals(List.of("devs", "org/ops"), who.groups());
        assertEquals(List.of("solo"), mapping.identity(user().claim("groups", "/solo").build()).groups());
        assertEquals(List.of(), mapping.identity(user().build()).groups());
    }

    @Test
    void aGroupsClaimOfAnotherShapeIsRefused() {
        assertRefused(Reason.MALFORMED_TOKEN, user().claim("groups", List.of("devs", 7)));
        assertRefused(Reason.MALFORMED_TOKEN, user().claim("groups", List.of("a\nb")));
        assertRefused(Reason.MALFORMED_TOKEN, user().claim("groups", Collections.nCopies(IdentityClaims.MAX_GROUPS + 1, "g")));
    }

    @Test
    void theUsernameClaimIsRequiredAndBounded() {
        assertRefused(Reason.MISSING_CLAIM, new JWTClaimsSet.Builder().subject("x"));
        assertRefused(Reason.MISSING_CLAIM, new JWTClaimsSet.Builder().claim("preferred_username", " "));
        assertRefused(Reason.MISSING_CLAIM, new JWTClaimsSet.Builder().claim("preferred_username", 12));
        assertRefused(Reason.MALFORMED_TOKEN, new JWTClaimsSet.Builder().claim("preferred_username", "x".repeat(257)));
        assertEquals("alice@corp", new IdentityClaims("email", "roles")
                .identity(new JWTClaimsSet.Builder().claim("email", "alice@corp").build()).username());
    }

    @Test
    void theDisplayNameFallsBackToGivenAndFamilyNames() {
        assertEquals("Erin Operator", mapping.identity(user().claim("given_name", "Erin")
                .claim("family_name", "Operator").build()).displayName());
        assertEquals("", mapping.identity(user().claim("name", 3).build()).displayName());
        assertEquals("", mapping.identity(user().claim("email", List.of("a")).build()).email());
    }

    private static JWTClaimsSet.Builder user() {
        return new JWTClaimsSet.Builder().claim("preferred_username", "dave");
    }

    private void assertRefused(Reason reason, JWTClaimsSet.Builder claims) {
        OidcLoginException e = assertThrows(OidcLoginException.class, () -> mapping.identity(claims.build()));
        assertEquals(reason, e.reason(), e.getMessage());
    }
}
