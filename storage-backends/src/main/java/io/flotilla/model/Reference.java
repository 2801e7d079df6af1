package io.flotilla.model;

import java.util.Optional;

/** The {@code <reference>} of a manifest URL: either a tag or a digest. */
public sealed interface Reference permits Reference.ByTag, Reference.ByDigest {

    /** Parses a reference: text with a ':' is a digest, anything else a tag. */
    static Reference parse(String text) {
        if (Digest.looksLikeDigest(text)) {
            return new ByDigest(Digest.parse(text));
        }
        return new ByTag(Tag.parse(text));
    }

    default Optional<Tag> tag() {
        return this instanceof ByTag t ? Optional.of(t.value()) : Optional.empty();
    }

    default Optional<Digest> digest() {
        return this instanceof ByDigest d ? Optional.of(d.value()) : Optional.empty();
    }

    record ByTag(Tag value) implements Reference {
        @Override
        public String toString() {
            return value.toString();
        }
    }

    record ByDigest(Digest value) implements Reference {
        @Override
        public String toString() {
            return value.toString();
        }
    }
}
