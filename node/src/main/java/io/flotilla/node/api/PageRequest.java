package io.flotilla.node.api;

import io.flotilla.node.registry.ErrorCode;
import io.flotilla.node.registry.RegistryException;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Harbor's paging of a listing: {@code page} (from 1) and {@code page_size} (10 unless asked, at most 100),
 * answered with {@code X-Total-Count} and a {@code Link} header to the previous and next pages that keeps the
 * request's other parameters.
 */
record PageRequest(int page, int size) {

    static final int DEFAULT_SIZE = 10;
    static final int MAX_SIZE = 100;

    static PageRequest of(ServerRequest req) {
        return new PageRequest(number(req, "page", 1, Integer.MAX_VALUE), number(req, "page_size", DEFAULT_SIZE, MAX_SIZE));
    }

    /** This page of {@code all}, with the headers that describe it. */
    <T> List<T> answer(List<T> all, ServerRequest req, ServerResponse res) {
        long from = (long) (page - 1) * size;
        List<T> slice = from >= all.size() ? List.of()
                : all.subList((int) from, (int) Math.min(all.size(), from + size));
        res.header("X-Total-Count", Integer.toString(all.size()));
        List<String> links = new ArrayList<>();
        String path = req.path().absolute().rawPathNoParams();
        if (page > 1 && from - size < all.size()) {
            links.add("<" + link(path, page - 1, req) + ">; rel=\"prev\"");
        }
        if (from + size < all.size()) {
            links.add("<" + link(path, page + 1, req) + ">; rel=\"next\"");
        }
        if (!links.isEmpty()) {
            res.header(HeaderNames.LINK, String.join(" , ", links));
        }
        return slice;
    }

    private String link(String path, int target, ServerRequest req) {
        StringBuilder query = new StringBuilder("?page=").append(target).append("&page_size=").append(size);
        for (String name : new TreeSet<>(req.query().names())) {
            if (name.equals("page") || name.equals("page_size")) {
                continue;
            }
            for (String value : req.query().all(name)) {
                query.append('&').append(encode(name)).append('=').append(encode(value));
            }
        }
        return path + query;
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    /** The query parameter {@code name} as a number from 1 to {@code max}, {@code fallback} when absent or empty. */
    static int number(ServerRequest req, String name, int fallback, int max) {
        String text = req.query().first(name).orElse(null);
        if (text == null || text.isEmpty()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(text);
            if (value >= 1 && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new RegistryException(ErrorCode.MALFORMED_REQUEST, name + " must be a number from 1 to " + max);
    }
}
