package io.flotilla.node.http;

import io.flotilla.model.RepositoryName;
import io.helidon.webserver.http.ServerRequest;

/**
 * What the caller of a request may read, for handlers that decide per repository beyond the one in the path:
 * the source of a cross-repository mount, and the entries of the catalog. Access control registers it in the
 * request's context; without it (auth off) everything is readable.
 */
public interface CallerRights {

    boolean mayPull(RepositoryName repo);

    static CallerRights of(ServerRequest req) {
        return req.context().get(CallerRights.class, CallerRights.class).orElse(repo -> true);
    }
}
