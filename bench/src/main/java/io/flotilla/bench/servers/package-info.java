/**
 * The servers under test and the references, each started on a free port in a scratch folder of its own:
 * Flotilla (one node), docker-registry, nginx, the plain Helidon server, and the three-node cluster on
 * Cassandra and Ceph with the services it needs.
 */
package io.flotilla.bench.servers;
