package io.flotilla.node.api;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Reads a whole key-ordered listing in store pages. Harbor's API pages by number and filters by what the
 * caller may see, which a key range cannot answer, so listings are read whole: users, projects and robots
 * number in the thousands, not millions.
 */
final class StoreScan {

    private static final int PAGE = 500;

    private StoreScan() {
    }

    /** Every item, from {@code page(after, limit)} called until a short page; {@code key} gives the next {@code after}. */
    static <T> List<T> all(BiFunction<String, Integer, List<T>> page, Function<T, String> key) {
        List<T> all = new ArrayList<>();
        String after = null;
        while (true) {
            List<T> batch = page.apply(after, PAGE);
            all.addAll(batch);
            if (batch.size() < PAGE) {
                return all;
            }
            after = key.apply(batch.getLast());
        }
    }
}
