package io.flotilla.storage.support;

/**
 * The keys a prefix listing reads, as one range in UTF-8 order: from {@code lower} (inclusive or not) up to
 * {@code upper} (exclusive; null for no upper bound). Backends turn it into a range scan, so a listing reads
 * only matching keys, without LIKE patterns or filtering.
 *
 * @param lower          the prefix, or the {@code after} bound when that is the tighter one
 * @param lowerInclusive true for the prefix, false for an {@code after} bound
 * @param upper          the least string above every string that starts with the prefix; null if there is none
 */
public record KeyRange(String lower, boolean lowerInclusive, String upper) {

    /** The range of keys starting with {@code prefix} and above {@code after} (null for no such bound). */
    public static KeyRange of(String prefix, String after) {
        boolean afterIsTighter = after != null && Utf8Order.compare(after, prefix) >= 0;
        return new KeyRange(afterIsTighter ? after : prefix, !afterIsTighter, successor(prefix));
    }

    /** True when no key can fall in the range, so a backend need not ask. */
    public boolean isEmpty() {
        return upper != null && Utf8Order.compare(lower, upper) >= 0;
    }

    /**
     * The least string greater than every string that starts with {@code prefix}: the prefix with its last
     * code point incremented (after dropping trailing U+10FFFF, which cannot be). Null for "" and for a prefix
     * of only U+10FFFF, which have no such bound. Surrogates are no characters, so U+D7FF is followed by U+E000.
     */
    static String successor(String prefix) {
        int end = prefix.length();
        while (end > 0) {
            int last = prefix.codePointBefore(end);
            int width = Character.charCount(last);
            if (last < Character.MAX_CODE_POINT) {
                int next = last + 1 == Character.MIN_SURROGATE ? Character.MAX_SURROGATE + 1 : last + 1;
                return prefix.substring(0, end - width) + Character.toString(next);
            }
            end -= width;
        }
        return null;
    }
}
