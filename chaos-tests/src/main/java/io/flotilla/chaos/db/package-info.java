/**
 * The "db" of the harness: real Flotilla nodes as processes, started, killed, stopped and grown through
 * {@code deploy/local/cluster.sh}, the same script a person uses by hand.
 */
package io.flotilla.chaos.db;
