package io.flotilla.chaos.client.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class CredentialsTest {

    @Test
    void everyClusterGetsAnotherRandomAdminPassword() {
        Credentials a = Credentials.randomAdmin();
        Credentials b = Credentials.randomAdmin();
        assertEquals("admin", a.user());
        assertNotEquals(a.password(), b.password());
        assertEquals(24, a.password().length());
        assertFalse(a.toString().contains(a.password()), a.toString());
    }

    @Test
    void basicAuthorizationIsUserColonPasswordInBase64() {
        assertEquals("Basic YWRtaW46cMOkc3M=", new Credentials("admin", "päss").basicAuthorization());
    }

    @Test
    void refusesWhatCouldNotSignIn() {
        assertThrows(IllegalArgumentException.class, () -> new Credentials("a:b", "p"));
        assertThrows(IllegalArgumentException.class, () -> new Credentials("admin", ""));
    }
}
