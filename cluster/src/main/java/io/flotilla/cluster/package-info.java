/**
 * Soft state shared by the nodes: upload sessions, efficiency locks and caches. Losing all of it costs
 * in-flight work and cache hits, never an acknowledged write: durable truth is in the storage SPIs.
 * Only {@code io.flotilla.cluster.hazelcast} knows how it is shared.
 */
package io.flotilla.cluster;
