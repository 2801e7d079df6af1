package io.flotilla.node.http;

import io.flotilla.model.RepositoryName;
import io.helidon.webserver.http.ServerRequest;

/**
 * Where the registry's handlers report what they did, for the audit log. {@link #changed} is called after a
 * change is stored and before the response is sent, and must not return before the event is durable.
 */
public interface RequestAudit {

    RequestAudit NONE = new RequestAudit() {
        @Override
        public void changed(ServerRequest req, String operation, RepositoryName repo, String reference) {
        }

        @Override
        public void pulled(ServerRequest req, RepositoryName repo, String reference) {
        }
    };

    /** A push or delete of {@code repo:reference} (a tag or digest) that succeeded. */
    void changed(ServerRequest req, String operation, RepositoryName repo, String reference);

    /** A manifest pull that succeeded; may be written a little later. */
    void pulled(ServerRequest req, RepositoryName repo, String reference);
}
