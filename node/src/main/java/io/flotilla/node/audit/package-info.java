/**
 * The audit log: every push, pull, delete, login and admin change as an event in the metadata store, durable
 * and cluster-wide. Pushes, deletes, logins and admin changes are written before the response; pulls go
 * through a bounded queue flushed every {@code audit.flush-ms}.
 */
package io.flotilla.node.audit;
