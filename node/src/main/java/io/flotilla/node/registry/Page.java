package io.flotilla.node.registry;

import java.util.List;

/** One page of a listing, and whether more entries follow it. */
public record Page<T>(List<T> items, boolean more) {
    public Page {
        items = List.copyOf(items);
    }

    /** Cuts a list fetched with one entry beyond {@code limit} into a page. */
    static <T> Page<T> of(List<T> fetched, int limit) {
        return fetched.size() > limit ? new Page<>(fetched.subList(0, limit), true) : new Page<>(fetched, false);
    }
}
