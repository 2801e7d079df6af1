package io.flotilla.node.api;

/**
 * Free text a client stores (an e-mail address, a real name, a description, a group name): bounded, without
 * control characters, and valid Unicode, since the stores refuse an unpaired surrogate.
 */
final class ApiText {

    private ApiText() {
    }

    static String check(String field, String value, int max) {
        if (!valid(value, max)) {
            throw ApiAnswers.bad(field + " must be at most " + max + " characters of text, without control characters");
        }
        return value;
    }

    static boolean valid(String value, int max) {
        return value.length() <= max
                && value.codePoints().noneMatch(c -> Character.isISOControl(c)
                        || c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE);
    }
}
