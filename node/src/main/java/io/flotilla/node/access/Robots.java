package io.flotilla.node.access;

import io.flotilla.storage.spi.MetadataStore;
import io.flotilla.storage.spi.VersionConflictException;
import io.flotilla.storage.spi.Versioned;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** Robot accounts, by full name. */
public final class Robots {

    static final String KIND = "robots";

    private final JsonRecords<RobotAccount> records;
    private final ExpiringCache<String, RobotAccount> cache;

    public Robots(MetadataStore store, Duration cacheTtl, Clock clock) {
        this.records = new JsonRecords<>(store, KIND, RobotAccount.class);
        this.cache = new ExpiringCache<>(cacheTtl, 10_000, clock);
    }

    public Optional<RobotAccount> find(String name) {
        return cache.get(name, n -> records.get(n).map(Versioned::value));
    }

    /** Straight from the store: what a secret check reads, so a rotated secret or a disable applies at once. */
    public Optional<RobotAccount> read(String name) {
        return records.get(name).map(Versioned::value);
    }

    public boolean create(RobotAccount robot) {
        try {
            records.put(robot.name(), robot, Versioned.ABSENT);
            return true;
        } catch (VersionConflictException taken) {
            return false;
        } finally {
            cache.invalidate(robot.name());
        }
    }

    public RobotAccount update(String name, UnaryOperator<RobotAccount> change) {
        try {
            return records.update(name, change);
        } finally {
            cache.invalidate(name);
        }
    }

    public boolean delete(String name) {
        try {
            return records.deleteAny(name);
        } finally {
            cache.invalidate(name);
        }
    }

    /** System robots ({@code robot$x}) and those of a project ({@code robot$project+x}) share the prefix. */
    public List<RobotAccount> list(String prefix) {
        return records.listAll(prefix).stream().map(Versioned::value).toList();
    }
}
