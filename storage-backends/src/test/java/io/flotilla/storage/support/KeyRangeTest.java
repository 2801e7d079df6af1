package io.flotilla.storage.support;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KeyRangeTest {
    private static final String MAX = Character.toString(Character.MAX_CODE_POINT);

    @Test
    void theSuccessorIncrementsTheLastCodePointThatCanBe() {
        assertEquals("b", KeyRange.successor("a"));
        assertEquals("ac", KeyRange.successor("ab"));
        assertEquals("a\uE000", KeyRange.successor("a\uD7FF")); // no surrogates in between
        assertEquals("a\uD800\uDC00", KeyRange.successor("a\uFFFF")); // U+10000
        assertEquals("a\uD83D\uDE01", KeyRange.successor("a\uD83D\uDE00"));
        assertEquals("b", KeyRange.successor("a" + MAX + MAX));
        assertNull(KeyRange.successor(""));
        assertNull(KeyRange.successor(MAX));
    }

    @Test
    void theTighterOfPrefixAndAfterIsTheLowerBound() {
        assertEquals(new KeyRange("ali", true, "alj"), KeyRange.of("ali", null));
        assertEquals(new KeyRange("ali", true, "alj"), KeyRange.of("ali", "a"));
        assertEquals(new KeyRange("ali", false, "alj"), KeyRange.of("ali", "ali"));
        assertEquals(new KeyRange("alice", false, "alj"), KeyRange.of("ali", "alice"));
        assertTrue(KeyRange.of("ali", "alj").isEmpty());
        assertTrue(KeyRange.of("ali", "b").isEmpty());
        assertFalse(KeyRange.of("", "zzz").isEmpty());
        assertEquals(new KeyRange("", true, null), KeyRange.of("", null));
    }

    /** Every key is in the range exactly when it starts with the prefix and lies above the bound. */
    @Test
    void aRangeHoldsExactlyTheMatchingKeys() {
        String[] alphabet = {"a", "b", "\uD7FF", "\uE000", "\uFFFF", "\uD800\uDC00", MAX, "é"};
        Random random = new Random(7);
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            keys.add(word(alphabet, random, 1 + random.nextInt(4)));
        }
        for (int i = 0; i < 400; i++) {
            String prefix = word(alphabet, random, random.nextInt(3));
            String after = random.nextBoolean() ? null : word(alphabet, random, 1 + random.nextInt(4));
            KeyRange range = KeyRange.of(prefix, after);
            for (String key : keys) {
                boolean expected = key.startsWith(prefix) && (after == null || Utf8Order.compare(key, after) > 0);
                assertEquals(expected, contains(range, key), () -> "prefix " + codes(prefix) + " after "
                        + (after == null ? null : codes(after)) + " key " + codes(key));
            }
        }
    }

    @Test
    void utf8OrderIsCodePointOrder() {
        assertTrue(Utf8Order.compare("\uFF21", "\uD83D\uDE00") < 0); // String.compareTo says the opposite
        assertTrue("\uFF21".compareTo("\uD83D\uDE00") > 0);
        assertTrue(Utf8Order.compare("ab", "abc") < 0);
        assertEquals(0, Utf8Order.compare("é", "é"));
        assertEquals("a", Utf8Order.min("b", "a"));
    }

    private static boolean contains(KeyRange r, String key) {
        int low = Utf8Order.compare(key, r.lower());
        return !r.isEmpty() && (r.lowerInclusive() ? low >= 0 : low > 0)
                && (r.upper() == null || Utf8Order.compare(key, r.upper()) < 0);
    }

    private static String word(String[] alphabet, Random random, int length) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < length; i++) {
            out.append(alphabet[random.nextInt(alphabet.length)]);
        }
        return out.toString();
    }

    private static String codes(String s) {
        return s.codePoints().mapToObj(Integer::toHexString).toList().toString();
    }
}
