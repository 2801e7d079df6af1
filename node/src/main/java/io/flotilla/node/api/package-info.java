/**
 * The management API under {@code /api/v2.0}: users, projects, members, robots and the audit log, with paths,
 * fields and status codes following Harbor's API v2.0 where that costs little. {@link io.flotilla.node.api.ApiGate}
 * authenticates every call; each resource checks the caller's permission itself.
 */
package io.flotilla.node.api;
