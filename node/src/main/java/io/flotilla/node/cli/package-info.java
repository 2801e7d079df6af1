/**
 * {@code flotilla admin}: a command-line client of a running node's management API ({@code /api/v2.0}) for
 * users, projects, members, robot accounts and the audit log. It only speaks HTTP, so it works against any
 * node of a cluster, local or remote, with the same credentials a browser or curl would use.
 */
package io.flotilla.node.cli;
