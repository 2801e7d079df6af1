package io.flotilla.model;

import java.util.regex.Pattern;

/**
 * A repository name, such as {@code library/alpine}. The grammar is the OCI one; the total length is
 * capped at 255 characters, as in Distribution, so that keys stay bounded in every backend.
 */
public record RepositoryName(String value) implements Comparable<RepositoryName>, java.io.Serializable {

    public static final int MAX_LENGTH = 255;
    private static final Pattern GRAMMAR = Pattern.compile(
            "[a-z0-9]+(?:(?:\\.|_|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:\\.|_|__|-+)[a-z0-9]+)*)*");

    public RepositoryName {
        if (value == null || value.isEmpty() || value.length() > MAX_LENGTH || !GRAMMAR.matcher(value).matches()) {
            throw new InvalidNameException("invalid repository name: " + Names.printable(value));
        }
    }

    public static RepositoryName parse(String value) {
        return new RepositoryName(value);
    }

    @Override
    public String toString() {
        return value;
    }

    @Override
    public int compareTo(RepositoryName other) {
        return value.compareTo(other.value);
    }
}
