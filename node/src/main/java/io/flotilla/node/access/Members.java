package io.flotilla.node.access;

import io.flotilla.storage.spi.MetadataStore;
import io.flotilla.storage.spi.Versioned;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Project memberships of users and directory groups, and the role a caller holds in a project. */
public final class Members {

    static final String KIND = "members";

    private final JsonRecords<Member> records;
    private final ExpiringCache<String, Member> cache;
    private final Clock clock;

    public Members(MetadataStore store, Duration cacheTtl, Clock clock) {
        this.records = new JsonRecords<>(store, KIND, Member.class);
        this.cache = new ExpiringCache<>(cacheTtl, 50_000, clock);
        this.clock = clock;
    }

    /** The strongest role the caller holds in the project, directly or through one of its groups. */
    public Optional<Role> roleOf(String project, Caller caller) {
        if (caller.kind() != Caller.Kind.USER) {
            return Optional.empty();
        }
        Role role = lookup(Member.keyOf(project, Member.USER, caller.name())).map(Member::role).orElse(null);
        for (String group : caller.groups()) {
            role = Role.strongest(role, lookup(Member.keyOf(project, Member.GROUP, group)).map(Member::role).orElse(null));
        }
        return Optional.ofNullable(role);
    }

    /** Adds or changes a membership. */
    public Member put(String project, String type, String name, Role role) {
        Member member = new Member(project, type, name, role, clock.instant());
        String key = member.key();
        try {
            Optional<Versioned<Member>> current = records.get(key);
            records.put(key, member, current.map(Versioned::version).orElse(Versioned.ABSENT));
            return member;
        } finally {
            cache.invalidate(key);
        }
    }

    public Optional<Member> find(String project, String type, String name) {
        return records.get(Member.keyOf(project, type, name)).map(Versioned::value);
    }

    public boolean remove(String project, String type, String name) {
        String key = Member.keyOf(project, type, name);
        try {
            return records.deleteAny(key);
        } finally {
            cache.invalidate(key);
        }
    }

    public List<Member> list(String project) {
        return records.listAll(Member.prefixOf(project)).stream().map(Versioned::value).toList();
    }

    /** Removes every membership of a project (when it is deleted). */
    public void removeAll(String project) {
        for (Member m : list(project)) {
            remove(project, m.type(), m.name());
        }
    }

    private Optional<Member> lookup(String key) {
        return cache.get(key, k -> records.get(k).map(Versioned::value));
    }
}
