package io.flotilla.node.auth;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A token that passed every check, reduced to what authorisation needs.
 *
 * @param subject   the account, or empty for an anonymous caller
 * @param issuer    the {@code iss} claim
 * @param expiresAt the {@code exp} claim
 * @param access    the grants, validated like any scope
 */
public record VerifiedToken(String subject, String issuer, Instant expiresAt, List<TokenScope> access) {

    public VerifiedToken {
        subject = subject == null ? "" : subject;
        access = List.copyOf(access);
    }

    public boolean anonymous() {
        return subject.isEmpty();
    }

    /**
     * The actions granted on one resource, across every entry naming it. {@code *} is returned as is;
     * what it implies is for the authorisation layer to decide.
     */
    public Set<String> grants(String type, String name) {
        Set<String> actions = new TreeSet<>();
        for (TokenScope scope : access) {
            if (scope.type().equals(type) && scope.name().equals(name)) {
                actions.addAll(scope.actions());
            }
        }
        return Collections.unmodifiableSet(actions); // still sorted
    }
}
