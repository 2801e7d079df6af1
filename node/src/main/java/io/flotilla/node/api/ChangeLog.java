package io.flotilla.node.api;

import io.flotilla.node.audit.AuditLog;
import io.flotilla.node.auth.http.Authenticated;

/**
 * Writes each change made through the management API to the audit log, durably, before the response: who
 * ({@code username}), from where, {@code create}/{@code update}/{@code delete}, what kind of resource
 * ({@code user}, {@code project}, {@code member}, {@code robot}) and which one.
 */
final class ChangeLog {

    static final String CREATE = "create";
    static final String UPDATE = "update";
    static final String DELETE = "delete";

    private static final int MAX_DETAIL = 2000;

    private final AuditLog log;

    ChangeLog(AuditLog log) {
        this.log = log;
    }

    void record(Authenticated who, String operation, String resourceType, String resource, String project,
                String detail) {
        log.record(new AuditLog.Entry(who.caller().name(), who.source(), operation, resourceType, resource,
                project == null ? "" : project, "success", bounded(detail == null ? "" : detail)));
    }

    /** A detail is a summary (a robot's grants can run long); the audit event must stay small. */
    private static String bounded(String detail) {
        return detail.length() <= MAX_DETAIL ? detail : detail.substring(0, MAX_DETAIL) + "...";
    }
}
