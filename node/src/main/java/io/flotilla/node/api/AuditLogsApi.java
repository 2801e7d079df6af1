package io.flotilla.node.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flotilla.node.access.Permission;
import io.flotilla.node.auth.http.Authenticated;
import io.flotilla.node.audit.AuditQuery;
import io.flotilla.node.audit.AuditSearch;
import io.flotilla.node.http.Json;
import io.flotilla.node.registry.ErrorCode;
import io.flotilla.node.registry.RegistryException;
import io.flotilla.storage.spi.AuditEvent;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/v2.0/audit-logs} (system admins: every event) and {@code GET /api/v2.0/projects/{name}/logs}
 * (holders of log:list in the project: its events), paged as Harbor pages ({@code page}, {@code page_size}, a
 * {@code Link} to the next page) and filtered by Harbor's {@code q} ({@code q=operation=push,username=~ad}) or
 * by plain parameters of the same names, with {@code from}/{@code to} (ISO-8601) for the time window.
 * {@code format=jsonl} or {@code format=csv} exports every match (up to {@code limit}) instead of a page.
 */
public final class AuditLogsApi implements HttpService {

    private static final int MAX_PAGE_SIZE = 100;
    private static final int MAX_EXPORT = 1_000_000;

    private final AuditSearch search;
    private final Duration retention;

    public AuditLogsApi(AuditSearch search, Duration retention) {
        this.search = search;
        this.retention = retention;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/api/v2.0/audit-logs", this::all)
                .get("/api/v2.0/projects/{project}/logs", this::ofProject);
    }

    private void all(ServerRequest req, ServerResponse res) {
        ApiGate.systemAdmin(req);
        answer(req, res, query(req, Map.of()), "/api/v2.0/audit-logs");
    }

    private void ofProject(ServerRequest req, ServerResponse res) {
        Authenticated who = ApiGate.caller(req);
        String project = PathNames.project(req.path().pathParameters().get("project"));
        if (!who.holds(project, Permission.LOG_LIST)) {
            throw new RegistryException(ErrorCode.DENIED, "you may not read the logs of project " + project);
        }
        answer(req, res, query(req, Map.of("project", project)), "/api/v2.0/projects/" + project + "/logs");
    }

    private void answer(ServerRequest req, ServerResponse res, AuditQuery query, String path) {
        String format = req.query().first("format").orElse("json");
        switch (format) {
            case "json" -> page(req, res, query, path);
            case "jsonl", "csv" -> export(req, res, query, format);
            default -> throw new RegistryException(ErrorCode.MALFORMED_REQUEST, "format is json, jsonl or csv");
        }
    }

    private void page(ServerRequest req, ServerResponse res, AuditQuery query, String path) {
        int page = positive(req, "page", 1, Integer.MAX_VALUE);
        int size = positive(req, "page_size", 10, MAX_PAGE_SIZE);
        List<AuditEvent> found = search.page(query, page, size);
        ArrayNode body = Json.array();
        found.stream().limit(size).forEach(e -> body.add(json(e)));
        if (found.size() > size) {
            res.header(HeaderNames.LINK, "<" + path + "?page=" + (page + 1) + "&page_size=" + size
                    + req.query().first("q").map(q -> "&q=" + java.net.URLEncoder.encode(q, StandardCharsets.UTF_8))
                    .orElse("") + ">; rel=\"next\"");
        }
        res.header(HeaderNames.CONTENT_TYPE, "application/json").send(Json.bytes(body));
    }

    private void export(ServerRequest req, ServerResponse res, AuditQuery query, String format) {
        int limit = positive(req, "limit", MAX_EXPORT, MAX_EXPORT);
        boolean csv = format.equals("csv");
        res.header(HeaderNames.CONTENT_TYPE, csv ? "text/csv; charset=utf-8" : "application/x-ndjson");
        try (OutputStream out = res.outputStream()) {
            if (csv) {
                out.write(AuditCsv.HEADER.getBytes(StandardCharsets.UTF_8));
            }
            search.export(query, limit, e -> write(out, csv ? AuditCsv.line(e) : json(e).toString() + "\n"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(OutputStream out, String line) {
        try {
            out.write(line.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Harbor's AuditLog fields, then Flotilla's own. */
    static ObjectNode json(AuditEvent e) {
        ObjectNode o = Json.object();
        o.put("id", e.id());
        o.put("username", e.actor());
        o.put("resource", e.resource());
        o.put("resource_type", e.resourceType());
        o.put("operation", e.operation());
        o.put("op_time", e.at().toString());
        o.put("project", e.project());
        o.put("result", e.result());
        o.put("source", e.source());
        o.put("detail", e.detail());
        return o;
    }

    private AuditQuery query(ServerRequest req, Map<String, String> fixed) {
        Map<String, String> filters = new HashMap<>();
        Instant now = Instant.now();
        Instant[] window = {now.minus(retention), now.plusSeconds(1)};
        req.query().first("q").ifPresent(q -> HarborQuery.parse(q, filters, window));
        for (String field : AuditQuery.FIELDS) {
            req.query().first(field).ifPresent(v -> filters.put(field, v));
        }
        req.query().first("from").ifPresent(v -> window[0] = instant(v));
        req.query().first("to").ifPresent(v -> window[1] = instant(v));
        filters.putAll(fixed);
        try {
            return new AuditQuery(window[0], window[1], filters);
        } catch (IllegalArgumentException e) {
            throw new RegistryException(ErrorCode.MALFORMED_REQUEST, e.getMessage());
        }
    }

    private static Instant instant(String text) {
        try {
            return Instant.parse(text);
        } catch (java.time.format.DateTimeParseException e) {
            throw new RegistryException(ErrorCode.MALFORMED_REQUEST, "not an ISO-8601 instant: "
                    + io.flotilla.model.Names.printable(text));
        }
    }

    private static int positive(ServerRequest req, String name, int fallback, int max) {
        String text = req.query().first(name).orElse(null);
        if (text == null) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(text);
            if (value < 1 || value > max) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new RegistryException(ErrorCode.MALFORMED_REQUEST, name + " must be a number from 1 to " + max);
        }
    }
}
