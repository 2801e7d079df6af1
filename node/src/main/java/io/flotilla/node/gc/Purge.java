package io.flotilla.node.gc;

import io.flotilla.model.Digest;
import io.flotilla.storage.spi.BlobRecord;
import io.flotilla.storage.spi.WorkItem;

/** A blob whose row is purging at {@code version}: its bytes, then its row, are to be deleted. */
record Purge(WorkItem item, Digest digest, BlobRecord row, long version) {
}
