package io.flotilla.bench.client;

import java.net.URI;

/** Following the Location an upload answers: absolute or relative, with or without a query of its own. */
public final class Locations {

    private Locations() {
    }

    /** The URL a Location header names, resolved against the registry's base URL. */
    public static URI resolve(URI base, String location) {
        if (location == null || location.isBlank()) {
            throw new IllegalArgumentException("the response had no Location");
        }
        return base.resolve(location.strip());
    }

    /** The upload URL with {@code digest=} added: after {@code &} when it has a query (docker-registry's _state). */
    public static URI withDigest(URI upload, String digest) {
        String s = upload.toString();
        return URI.create(s + (upload.getRawQuery() == null ? "?" : "&") + "digest=" + digest);
    }
}
