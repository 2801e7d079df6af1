/**
 * Tests against real node processes behind HAProxy, on Cassandra and RADOS (the services' variables must be in
 * the environment, as {@code deploy/local/services.sh env cassandra ceph} prints them). One cluster per class.
 * Excluded from the default build; run with {@code mvn -pl chaos-tests surefire:test -Dtest='*ClusterTest'}.
 */
package io.flotilla.chaos.cluster;
