package io.flotilla.model;

import java.util.regex.Pattern;

/** A tag, by the OCI grammar: up to 128 characters, not starting with '.' or '-'. */
public record Tag(String value) implements Comparable<Tag>, java.io.Serializable {

    private static final Pattern GRAMMAR = Pattern.compile("[a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}");

    public Tag {
        if (value == null || !GRAMMAR.matcher(value).matches()) {
            throw new InvalidTagException("invalid tag: " + Names.printable(value));
        }
    }

    public static Tag parse(String value) {
        return new Tag(value);
    }

    @Override
    public String toString() {
        return value;
    }

    @Override
    public int compareTo(Tag other) {
        return value.compareTo(other.value);
    }
}
