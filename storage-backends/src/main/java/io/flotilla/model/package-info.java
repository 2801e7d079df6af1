/**
 * Pure value types of the OCI distribution model: digests, repository names, references,
 * descriptors and media types. No I/O lives here; every parser rejects hostile input.
 */
package io.flotilla.model;
