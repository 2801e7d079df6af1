package io.flotilla.node.auth;

import io.flotilla.node.access.UserAccount;
import io.flotilla.node.access.Users;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Arrays;
import java.util.logging.Logger;

/**
 * Makes sure the system admin {@code admin} exists. The first node to create it (by compare-and-set, so two
 * nodes starting together make one) takes its password from {@code FLOTILLA_ADMIN_PASSWORD}, or generates one
 * and writes it, readable by the owner only, to a file in its data directory. The password is never logged.
 * An existing admin is left alone: changing the variable later does not reset a password someone changed.
 */
public final class BootstrapAdmin {

    public static final String NAME = "admin";
    private static final Logger LOG = Logger.getLogger(BootstrapAdmin.class.getName());

    private BootstrapAdmin() {
    }

    public static void ensure(Users users, PasswordHasher hasher, String fromEnvironment, Path passwordFile) {
        if (users.read(NAME).isPresent()) {
            return;
        }
        boolean generated = fromEnvironment == null || fromEnvironment.isEmpty();
        char[] password = generated ? PasswordHasher.randomPassword() : fromEnvironment.toCharArray();
        try {
            Instant now = users.clock().instant();
            UserAccount admin = new UserAccount(NAME, UserAccount.LOCAL, hasher.hash(password), null, "",
                    "System administrator", true, false, null, now, now);
            if (generated) {
                // Written before the account exists, so that an admin never exists with a password nobody has.
                write(passwordFile, password);
            }
            if (!users.create(admin)) {
                if (generated) {
                    deleteQuietly(passwordFile); // another node made it first, with its own password
                }
                return;
            }
            if (generated) {
                LOG.warning("created user admin with a generated password, written to " + passwordFile
                        + " (set FLOTILLA_ADMIN_PASSWORD to choose it)");
            } else {
                LOG.info("created user admin with the password from FLOTILLA_ADMIN_PASSWORD");
            }
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warning("cannot remove the unused admin password file " + file + ": " + e.getMessage());
        }
    }

    private static void write(Path file, char[] password) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.deleteIfExists(tmp);
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.write(tmp, (new String(password) + "\n").getBytes(StandardCharsets.UTF_8));
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the admin password to " + file, e);
        }
    }
}
