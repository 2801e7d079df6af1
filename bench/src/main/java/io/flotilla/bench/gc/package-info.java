/**
 * {@code ./flotilla bench gc}: the garbage collector's throughput on a cluster (issue 8). It seeds many small
 * unreferenced blobs through the nodes' HTTP API while GC is paused, resumes it, and follows the nodes'
 * {@code flotilla_gc_*} Prometheus counters until every blob is deleted: state transitions, delete calls and
 * blobs deleted per minute, set beside Harbor's reported ~300 deletes a minute, with the CPU each service
 * used. Like the rest of the bench it is a client only: HTTP to the nodes, CLIs for the services.
 */
package io.flotilla.bench.gc;
