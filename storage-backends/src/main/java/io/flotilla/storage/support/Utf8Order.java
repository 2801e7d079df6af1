package io.flotilla.storage.support;

/**
 * Orders strings as their UTF-8 bytes compare, which is code point order. That is how SQLite (BINARY
 * collation) and Cassandra ({@code text} clustering) order keys; {@link String#compareTo} compares UTF-16
 * units and disagrees for characters above U+FFFF, so bounds computed in Java use this instead.
 */
public final class Utf8Order {
    private Utf8Order() {
    }

    public static int compare(String a, String b) {
        int i = 0;
        while (i < a.length() && i < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(i);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
        }
        return Integer.compare(a.length(), b.length());
    }

    public static String min(String a, String b) {
        return compare(a, b) <= 0 ? a : b;
    }
}
