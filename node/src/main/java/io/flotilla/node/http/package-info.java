/**
 * The OCI Distribution HTTP API on Helidon SE: one class per resource (blobs, uploads, manifests, tags,
 * referrers, catalog), a path parser that admits only well-formed names and references, and a single
 * error mapper that turns every failure into the OCI error envelope.
 */
package io.flotilla.node.http;
