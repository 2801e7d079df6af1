package io.flotilla.node.http;

import io.flotilla.node.registry.ErrorCode;
import io.flotilla.node.registry.RegistryException;
import io.helidon.common.uri.UriQuery;

/** The {@code n} and {@code last} parameters of the paginated listings. */
record Paging(int n, String last) {
    /** Pages are capped so a client cannot ask one request to read a whole large repository. */
    static final int MAX_PAGE = 1000;

    static Paging of(UriQuery query) {
        int n = MAX_PAGE;
        if (query.contains("n")) {
            String raw = query.get("n");
            try {
                n = Integer.parseInt(raw);
            } catch (NumberFormatException e) {
                throw new RegistryException(ErrorCode.PAGINATION_INVALID, "n must be a non-negative integer");
            }
            if (n < 0) {
                throw new RegistryException(ErrorCode.PAGINATION_INVALID, "n must be a non-negative integer");
            }
            n = Math.min(n, MAX_PAGE);
        }
        String last = query.contains("last") ? query.get("last") : null;
        return new Paging(n, last == null || last.isEmpty() ? null : last);
    }
}
