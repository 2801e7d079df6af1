package io.flotilla.node.access;

import io.flotilla.model.RepositoryName;
import io.flotilla.storage.spi.MetadataStore;
import io.flotilla.storage.spi.VersionConflictException;
import io.flotilla.storage.spi.Versioned;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** Projects: the first segment of a repository name, or the default project for single-segment names. */
public final class Projects {

    static final String KIND = "projects";
    /** A project name is one repository-name segment: what the first segment of any repository can be. */
    private static final Pattern NAME = Pattern.compile("[a-z0-9]+(?:(?:\\.|_|__|-+)[a-z0-9]+)*");

    private final JsonRecords<Project> records;
    private final ExpiringCache<String, Project> cache;
    private final String defaultProject;
    private final Clock clock;

    public Projects(MetadataStore store, String defaultProject, Duration cacheTtl, Clock clock) {
        this.records = new JsonRecords<>(store, KIND, Project.class);
        this.cache = new ExpiringCache<>(cacheTtl, 10_000, clock);
        this.defaultProject = checkName(defaultProject);
        this.clock = clock;
    }

    public static String checkName(String name) {
        if (name == null || name.length() > 255 || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("invalid project name " + io.flotilla.model.Names.printable(name)
                    + ": lower-case letters and digits, separated by '.', '_', '__' or dashes");
        }
        return name;
    }

    /** The project a repository belongs to. */
    public String projectOf(RepositoryName repo) {
        String name = repo.value();
        int slash = name.indexOf('/');
        return slash < 0 ? defaultProject : name.substring(0, slash);
    }

    public String defaultProject() {
        return defaultProject;
    }

    /** Through the cache: what authorisation reads on every request. */
    public Optional<Project> find(String name) {
        return cache.get(name, n -> records.get(n).map(Versioned::value));
    }

    /** Straight from the store, with its version, for changes. */
    public Optional<Versioned<Project>> read(String name) {
        return records.get(name);
    }

    /** Creates the project unless it exists; returns whichever is stored. */
    public Project createIfAbsent(String name, boolean isPublic, String owner) {
        checkName(name);
        Project fresh = new Project(name, isPublic, owner, clock.instant(), clock.instant());
        try {
            records.put(name, fresh, Versioned.ABSENT);
            cache.invalidate(name);
            return fresh;
        } catch (VersionConflictException exists) {
            cache.invalidate(name);
            return records.get(name).map(Versioned::value).orElse(fresh);
        }
    }

    /** Creates a new project; false if the name is taken. */
    public boolean create(String name, boolean isPublic, String owner) {
        checkName(name);
        try {
            records.put(name, new Project(name, isPublic, owner, clock.instant(), clock.instant()), Versioned.ABSENT);
            return true;
        } catch (VersionConflictException exists) {
            return false;
        } finally {
            cache.invalidate(name);
        }
    }

    public Project setPublic(String name, boolean isPublic) {
        try {
            return records.update(name, p -> p.withPublic(isPublic, clock.instant()));
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

    public List<Project> list(String after, int limit) {
        return records.list("", after, limit).stream().map(Versioned::value).toList();
    }
}
