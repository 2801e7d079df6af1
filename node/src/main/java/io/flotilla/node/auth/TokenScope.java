package io.flotilla.node.auth;

import io.flotilla.model.Names;
import io.flotilla.model.RepositoryName;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * One resource and the actions asked for (in a scope) or granted (in a token's {@code access} claim),
 * such as {@code repository:library/alpine:pull,push} or {@code registry:catalog:*}. The constructor
 * validates, so an instance is always well-formed whether it came from a client's scope or from a claim.
 */
public record TokenScope(String type, String name, List<String> actions) {

    /** Long enough for any valid scope (a 255-character name plus type and actions), short enough to bound work. */
    public static final int MAX_LENGTH = 1024;
    public static final String REPOSITORY = "repository";
    public static final String REGISTRY = "registry";
    /** The only {@code registry} resource Docker clients ask for. */
    public static final String CATALOG = "catalog";
    private static final Set<String> ACTIONS = Set.of("pull", "push", "delete", "*");

    /** Validates every part and keeps the actions deduplicated and sorted, so equal grants compare equal. */
    public TokenScope {
        if (type == null || type.isEmpty()) {
            throw new IllegalArgumentException("scope has an empty type");
        }
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("scope has an empty name");
        }
        switch (type) {
            case REPOSITORY -> RepositoryName.parse(name);
            case REGISTRY -> {
                if (!CATALOG.equals(name)) {
                    throw new IllegalArgumentException("unknown registry resource " + Names.printable(name));
                }
            }
            default -> throw new IllegalArgumentException("unknown scope type " + Names.printable(type));
        }
        actions = normalise(actions);
    }

    /**
     * Parses a Docker scope string. The name sits between the first and the last ':' because a name
     * may itself hold one (host:port); whether such a name is allowed is then up to the name rules.
     */
    public static TokenScope parse(String scope) {
        if (scope == null || scope.isEmpty()) {
            throw new IllegalArgumentException("empty scope");
        }
        if (scope.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("scope longer than " + MAX_LENGTH + " characters");
        }
        for (int i = 0; i < scope.length(); i++) {
            if (Character.isISOControl(scope.charAt(i))) {
                throw new IllegalArgumentException("scope holds a control character: " + Names.printable(scope));
            }
        }
        int first = scope.indexOf(':');
        int last = scope.lastIndexOf(':');
        if (first < 0 || first == last) {
            throw new IllegalArgumentException("scope is not type:name:actions: " + Names.printable(scope));
        }
        return new TokenScope(scope.substring(0, first), scope.substring(first + 1, last),
                splitActions(scope.substring(last + 1)));
    }

    /** Parses every scope a caller sent (the {@code scope} parameter may repeat); one bad scope fails all. */
    public static List<TokenScope> parseAll(List<String> scopes) {
        List<TokenScope> parsed = new ArrayList<>(scopes.size());
        for (String scope : scopes) {
            parsed.add(parse(scope));
        }
        return List.copyOf(parsed);
    }

    /** The scope string this instance stands for, in canonical form. */
    @Override
    public String toString() {
        return type + ':' + name + ':' + String.join(",", actions);
    }

    private static List<String> splitActions(String text) {
        if (text.isEmpty()) {
            throw new IllegalArgumentException("scope has no actions");
        }
        // -1 keeps trailing empty parts, so "pull," is refused rather than quietly read as "pull".
        return List.of(text.split(",", -1));
    }

    private static List<String> normalise(List<String> actions) {
        if (actions == null || actions.isEmpty()) {
            throw new IllegalArgumentException("scope has no actions");
        }
        TreeSet<String> sorted = new TreeSet<>();
        for (String action : actions) {
            if (action == null || action.isEmpty()) {
                throw new IllegalArgumentException("scope has an empty action");
            }
            if (!ACTIONS.contains(action)) {
                throw new IllegalArgumentException("unknown action " + Names.printable(action));
            }
            sorted.add(action);
        }
        return List.copyOf(sorted);
    }
}
