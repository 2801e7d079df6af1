package io.flotilla.storage.spi;

import io.flotilla.model.Digest;
import io.flotilla.model.Tag;

/** One row of a tag listing. */
public record TagEntry(Tag tag, Digest digest) {
}
