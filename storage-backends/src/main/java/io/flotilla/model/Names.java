package io.flotilla.model;

/** Helpers for echoing untrusted text back in error messages without control characters or bulk. */
public final class Names {
    private static final int MAX_ECHO = 80;

    private Names() {
    }

    /** A short, printable rendering of untrusted input for error messages and logs. */
    public static String printable(String text) {
        if (text == null) {
            return "<missing>";
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length() && out.length() < MAX_ECHO; i++) {
            char c = text.charAt(i);
            out.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        if (text.length() > MAX_ECHO) {
            out.append("...");
        }
        return '"' + out.toString() + '"';
    }
}
