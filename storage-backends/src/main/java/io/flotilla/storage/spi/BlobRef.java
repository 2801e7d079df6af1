package io.flotilla.storage.spi;

import io.flotilla.model.Digest;
import io.flotilla.model.RepositoryName;

/** A reverse reference: {@code manifest} in {@code repo} names {@code blob}. */
public record BlobRef(Digest blob, RepositoryName repo, Digest manifest) {
}
