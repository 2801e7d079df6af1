package io.flotilla.node.auth.http;

import io.flotilla.model.RepositoryName;
import io.flotilla.node.access.AccessPolicy;
import io.flotilla.node.access.Caller;
import io.flotilla.node.access.Permission;
import io.flotilla.node.auth.TokenScope;
import io.flotilla.node.auth.VerifiedToken;
import io.flotilla.node.http.CallerRights;

import java.util.Set;

/**
 * The caller of one request and what it may do, put into the request's context by the gate for the handlers
 * that decide per resource (a mount's source repository, catalog entries). A Bearer caller holds exactly its
 * token's grants; a Basic or anonymous caller holds what the policy gives it now.
 */
public final class Authenticated implements CallerRights {

    private final Caller caller;
    private final VerifiedToken token;
    private final AccessPolicy policy;
    private final String source;

    Authenticated(Caller caller, VerifiedToken token, AccessPolicy policy, String source) {
        this.caller = caller;
        this.token = token;
        this.policy = policy;
        this.source = source;
    }

    public Caller caller() {
        return caller;
    }

    /** The client's address, for the audit log. */
    public String source() {
        return source;
    }

    /** A permission in a project, as the policy gives it to this caller now (the management API's check). */
    public boolean holds(String project, Permission permission) {
        return policy.allows(caller, project, permission);
    }

    public boolean byToken() {
        return token != null;
    }

    public boolean allows(RepositoryName repo, Permission permission) {
        if (token == null) {
            return policy.allows(caller, repo, permission);
        }
        Set<String> granted = token.grants(TokenScope.REPOSITORY, repo.value());
        return granted.contains("*") || granted.contains(permission.action());
    }

    /**
     * Whether the caller may read the repository: for a mount's source, and for what its catalog lists. A token
     * holder needs the grant in its token (clients ask for the mount source's pull scope) or the policy's leave.
     */
    @Override
    public boolean mayPull(RepositoryName repo) {
        // Without a token, allows() already is the policy's answer: ask it once.
        return allows(repo, Permission.REPOSITORY_PULL)
                || token != null && policy.allows(caller, repo, Permission.REPOSITORY_PULL);
    }
}
