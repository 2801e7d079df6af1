/**
 * The two storage SPIs every backend implements: {@link io.flotilla.storage.spi.BlobStore} for bytes and
 * {@link io.flotilla.storage.spi.MetadataStore} for rows, with their value types and typed exceptions.
 * Each backend must pass the contract kit in the test-jar ({@code io.flotilla.storage.contract}).
 */
package io.flotilla.storage.spi;
