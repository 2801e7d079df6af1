package io.flotilla.node.api;

/**
 * Harbor's rule for a password a person chooses (a local user's, or a robot secret given instead of a
 * generated one): 8 to 128 characters with at least one upper-case letter, one lower-case letter and one digit.
 */
final class PasswordRules {

    static final int MIN = 8;
    static final int MAX = 128;

    private PasswordRules() {
    }

    /** Refuses a weak password with a 400 saying why; the password itself never appears in the message. */
    static char[] check(String field, String password) {
        if (password.length() < MIN || password.length() > MAX) {
            throw ApiAnswers.bad(field + " must be " + MIN + " to " + MAX + " characters long");
        }
        boolean upper = password.chars().anyMatch(Character::isUpperCase);
        boolean lower = password.chars().anyMatch(Character::isLowerCase);
        boolean digit = password.chars().anyMatch(Character::isDigit);
        if (!upper || !lower || !digit) {
            throw ApiAnswers.bad(field + " must hold at least one upper-case letter, one lower-case letter and one digit");
        }
        return password.toCharArray();
    }
}
