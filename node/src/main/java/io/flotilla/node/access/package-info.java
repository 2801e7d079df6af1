/**
 * Who may do what: Harbor's access model. Projects (the first segment of a repository name), their members
 * and roles, local and directory user accounts, robot accounts, and {@link io.flotilla.node.access.AccessPolicy},
 * which turns a {@link io.flotilla.node.access.Caller} and a resource into the actions allowed. Everything is
 * stored as versioned JSON records in the metadata store, so every node decides the same way.
 */
package io.flotilla.node.access;
