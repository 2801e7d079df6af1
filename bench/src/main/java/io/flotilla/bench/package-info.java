/**
 * {@code ./flotilla bench}: Flotilla against Debian's docker-registry (CNCF Distribution 2.8.2) on the same
 * box in one run, with the box's physical limits (nginx, a plain Helidon server, openssl, dd) and a
 * three-node cluster measured alongside; see deploy/bench/README.md. Like the chaos harness, it is a client:
 * it starts servers as processes and talks HTTP, and never links node internals.
 */
package io.flotilla.bench;
