package io.flotilla.node.auth.ldap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A CA file that cannot serve is refused when the directory is built, not at the first login. */
class LdapTlsTest {
    @TempDir
    Path dir;

    @Test
    void missingEmptyOrGarbledFilesAreRefused() throws Exception {
        assertThrows(IllegalArgumentException.class, () -> LdapTls.trusting(dir.resolve("absent.pem")));
        Path empty = Files.writeString(dir.resolve("empty.pem"), "");
        assertThrows(IllegalArgumentException.class, () -> LdapTls.trusting(empty));
        Path garbled = Files.writeString(dir.resolve("garbled.pem"),
                "-----BEGIN CERTIFICATE-----\nnot base64 at all!\n-----END CERTIFICATE-----\n");
        assertThrows(IllegalArgumentException.class, () -> LdapTls.trusting(garbled));
    }

    @Test
    void theTestServersCertificateIsRead() {
        assertNotNull(LdapTls.trusting(Path.of(LdapTestEnvironment.variable("FLOTILLA_LDAP_CA_CERT"))));
    }
}
