/**
 * The contract kits: abstract JUnit 5 classes that every {@code BlobStore} and {@code MetadataStore} backend
 * extends and must pass against its real server. They ship in this module's test-jar; a backend adopts a
 * kit by implementing one factory method.
 */
package io.flotilla.storage.contract;
