package io.flotilla.bench.measure;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The order contestants take their turns in: rotated by one each round, so that a slow drift in the box's state
 * (other work, page-cache writeback, memory reclaim) hits every contestant alike instead of whoever always
 * goes last.
 */
final class Rounds {

    private Rounds() {
    }

    /** {@code contestants} rotated left by {@code round} places. */
    static <T> List<T> order(List<T> contestants, int round) {
        List<T> order = new ArrayList<>(contestants);
        if (!order.isEmpty()) {
            Collections.rotate(order, -(round % order.size()));
        }
        return order;
    }
}
