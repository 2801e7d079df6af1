/**
 * Soft state shared by the nodes: upload sessions, efficiency locks and caches; and who is in the cluster
 * ({@link io.flotilla.cluster.Membership}) and which member owns which key
 * ({@link io.flotilla.cluster.Ownership}), for partitioned background work. Losing all of it costs
 * in-flight work and cache hits, never an acknowledged write: durable truth is in the storage SPIs.
 * Only {@code io.flotilla.cluster.hazelcast} knows how it is shared.
 */
package io.flotilla.cluster;
