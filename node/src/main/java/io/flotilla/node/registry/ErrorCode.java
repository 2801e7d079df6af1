package io.flotilla.node.registry;

/**
 * Every error the registry answers with, registered once: the OCI code, the HTTP status and the
 * message. Client errors use only the fourteen codes of the spec's table (it says the code MUST be one
 * of them), so several entries share a code and differ in status or message. Server-side failures,
 * which that table does not cover, use UNKNOWN (500) and UNAVAILABLE (503). The management API under
 * {@code /api/v2.0} is Harbor's, not OCI's, and adds Harbor's codes for a missing resource, a conflict and a
 * failed precondition ({@link #MANAGEMENT_ONLY}).
 */
public enum ErrorCode {
    BLOB_UNKNOWN("BLOB_UNKNOWN", 404, "blob unknown to registry"),
    BLOB_UPLOAD_INVALID("BLOB_UPLOAD_INVALID", 400, "blob upload invalid"),
    BLOB_UPLOAD_UNKNOWN("BLOB_UPLOAD_UNKNOWN", 404, "blob upload unknown to registry"),
    DIGEST_INVALID("DIGEST_INVALID", 400, "provided digest did not match uploaded content"),
    MANIFEST_BLOB_UNKNOWN("MANIFEST_BLOB_UNKNOWN", 400, "manifest references a blob unknown to registry"),
    MANIFEST_INVALID("MANIFEST_INVALID", 400, "manifest invalid"),
    MANIFEST_UNKNOWN("MANIFEST_UNKNOWN", 404, "manifest unknown to registry"),
    MANIFEST_TOO_LARGE("SIZE_INVALID", 413, "manifest exceeds the size limit"),
    NAME_INVALID("NAME_INVALID", 400, "invalid repository name"),
    NAME_UNKNOWN("NAME_UNKNOWN", 404, "repository name not known to registry"),
    SIZE_INVALID("SIZE_INVALID", 400, "provided length did not match content length"),
    RANGE_INVALID("SIZE_INVALID", 416, "requested range not satisfiable"),
    CHUNK_OUT_OF_ORDER("BLOB_UPLOAD_INVALID", 416, "chunk does not start where the upload ends"),
    PAGINATION_INVALID("UNSUPPORTED", 400, "invalid number of results requested"),
    TAG_INVALID("MANIFEST_INVALID", 400, "invalid tag"),
    UNAUTHORIZED("UNAUTHORIZED", 401, "authentication required"),
    DENIED("DENIED", 403, "requested access to the resource is denied"),
    UNSUPPORTED("UNSUPPORTED", 405, "the operation is unsupported"),
    NOT_FOUND("UNSUPPORTED", 404, "no such endpoint"),
    UNSUPPORTED_MEDIA_TYPE("UNSUPPORTED", 415, "unsupported media type"),
    /** A request the HTTP layer could not parse; the spec's list has no closer code. */
    MALFORMED_REQUEST("UNSUPPORTED", 400, "malformed request"),
    TOO_MANY_REQUESTS("TOOMANYREQUESTS", 429, "too many requests"),
    /** A request body over the management API's cap. */
    BODY_TOO_LARGE("SIZE_INVALID", 413, "request body exceeds the size limit"),
    // The management API's own answers, as Harbor's API gives them; the registry under /v2 never uses these.
    RESOURCE_NOT_FOUND("NOT_FOUND", 404, "resource not found"),
    CONFLICT("CONFLICT", 409, "resource already exists"),
    PRECONDITION_FAILED("PRECONDITION", 412, "resource is still in use"),
    UNAVAILABLE("UNAVAILABLE", 503, "a storage backend is unavailable; retry later"),
    UNKNOWN("UNKNOWN", 500, "unknown error");

    /** Codes outside the OCI table, which only the management API answers with. */
    public static final java.util.Set<ErrorCode> MANAGEMENT_ONLY =
            java.util.EnumSet.of(RESOURCE_NOT_FOUND, CONFLICT, PRECONDITION_FAILED);

    private final String code;
    private final int status;
    private final String message;

    ErrorCode(String code, int status, String message) {
        this.code = code;
        this.status = status;
        this.message = message;
    }

    /** The code string of the OCI error envelope. */
    public String code() {
        return code;
    }

    public int status() {
        return status;
    }

    public String message() {
        return message;
    }
}
