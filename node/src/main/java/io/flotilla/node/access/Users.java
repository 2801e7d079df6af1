package io.flotilla.node.access;

import io.flotilla.storage.spi.MetadataStore;
import io.flotilla.storage.spi.VersionConflictException;
import io.flotilla.storage.spi.Versioned;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/** User accounts: local ones created by an admin, directory ones recorded at their first login. */
public final class Users {

    static final String KIND = "users";
    /** Printable, no ':' (it ends the name in Basic credentials) and not starting with the robot prefix. */
    private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{N}._@+-][\\p{L}\\p{N}._@+ -]{0,254}");

    private final JsonRecords<UserAccount> records;
    private final ExpiringCache<String, UserAccount> cache;
    private final Clock clock;

    public Users(MetadataStore store, Duration cacheTtl, Clock clock) {
        this.records = new JsonRecords<>(store, KIND, UserAccount.class);
        this.cache = new ExpiringCache<>(cacheTtl, 10_000, clock);
        this.clock = clock;
    }

    public static String checkName(String name) {
        if (name == null || !NAME.matcher(name).matches() || name.startsWith(RobotAccount.PREFIX)) {
            throw new IllegalArgumentException("invalid user name " + io.flotilla.model.Names.printable(name));
        }
        return name;
    }

    /** Through the cache: what token holders are re-read by. */
    public Optional<UserAccount> find(String name) {
        return cache.get(UserAccount.keyOf(name), k -> records.get(k).map(Versioned::value));
    }

    /** Straight from the store: what a password check reads, so a changed password applies at once. */
    public Optional<UserAccount> read(String name) {
        return records.get(UserAccount.keyOf(name)).map(Versioned::value);
    }

    /** Creates the account; false if the name is taken. */
    public boolean create(UserAccount account) {
        checkName(account.name());
        String key = UserAccount.keyOf(account.name());
        try {
            records.put(key, account, Versioned.ABSENT);
            return true;
        } catch (VersionConflictException taken) {
            return false;
        } finally {
            cache.invalidate(key);
        }
    }

    public UserAccount update(String name, UnaryOperator<UserAccount> change) {
        String key = UserAccount.keyOf(name);
        try {
            return records.update(key, change);
        } finally {
            cache.invalidate(key);
        }
    }

    public boolean delete(String name) {
        String key = UserAccount.keyOf(name);
        try {
            return records.deleteAny(key);
        } finally {
            cache.invalidate(key);
        }
    }

    public List<UserAccount> list(String after, int limit) {
        return records.list("", after == null ? null : UserAccount.keyOf(after), limit).stream()
                .map(Versioned::value).toList();
    }

    public Clock clock() {
        return clock;
    }
}
