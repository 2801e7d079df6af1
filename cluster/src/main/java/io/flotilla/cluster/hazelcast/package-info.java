/**
 * The Hazelcast backing of the cluster interfaces, and the only code that imports Hazelcast. Everything
 * here is soft state: maps with backups, efficiency locks and caches, never the only copy of an
 * acknowledged write. Open-source Hazelcast 5.7 has no CP subsystem, so nothing here is linearizable.
 */
package io.flotilla.cluster.hazelcast;
