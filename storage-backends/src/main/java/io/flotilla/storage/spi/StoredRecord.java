package io.flotilla.storage.spi;

/**
 * One access-control record as stored: its key within its kind, its JSON document and its version
 * (the fencing token for {@link MetadataStore#putRecord} and {@link MetadataStore#deleteRecord}).
 */
public record StoredRecord(String key, String document, long version) {
}
