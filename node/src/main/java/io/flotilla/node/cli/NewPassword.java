package io.flotilla.node.cli;

import io.flotilla.node.auth.PasswordHasher;

import java.io.Console;
import java.util.Arrays;

/**
 * The password of a user being created or reset: generated ({@code --generate}, shown once), typed twice on
 * the console, or else the next line of standard input. A generated one passes the node's strength rule.
 */
final class NewPassword {

    private NewPassword() {
    }

    /** The password, and whether it was generated (and so must be shown). */
    record Chosen(char[] password, boolean generated) {
    }

    static Chosen choose(Terminal terminal, boolean generate, String user) {
        if (generate) {
            return new Chosen(generated(), true);
        }
        if (terminal.console().isPresent()) {
            Console console = terminal.console().get();
            char[] first = console.readPassword("New password for %s: ", user);
            char[] second = console.readPassword("Again: ");
            if (first == null || second == null || !Arrays.equals(first, second)) {
                throw new UsageException("the passwords differ");
            }
            Arrays.fill(second, '\0');
            return new Chosen(first, false);
        }
        return new Chosen(terminal.readLine("the new password").toCharArray(), false);
    }

    private static char[] generated() {
        while (true) {
            char[] candidate = PasswordHasher.randomPassword();
            String text = new String(candidate);
            if (text.chars().anyMatch(Character::isUpperCase) && text.chars().anyMatch(Character::isLowerCase)
                    && text.chars().anyMatch(Character::isDigit)) {
                return candidate;
            }
        }
    }
}
