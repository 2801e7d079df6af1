/** Metrics, the per-request log line, and the health, readiness and metrics endpoints. */
package io.flotilla.node.observe;
