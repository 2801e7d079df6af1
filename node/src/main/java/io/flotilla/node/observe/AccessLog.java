package io.flotilla.node.observe;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flotilla.node.http.OciRoute;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Writes one JSON log line per request and records it in the request meters. */
public final class AccessLog implements Filter {
    private static final Logger LOG = Logger.getLogger("io.flotilla.access");
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int MAX_LOGGED_PATH = 512;

    private final NodeMetrics metrics;
    private final boolean logLines;

    public AccessLog(NodeMetrics metrics, boolean logLines) {
        this.metrics = metrics;
        this.logLines = logLines;
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        long start = System.nanoTime();
        AtomicReference<CountingInputStream> body = new AtomicReference<>();
        req.streamFilter(in -> {
            CountingInputStream counting = new CountingInputStream(in);
            body.set(counting);
            return counting;
        });
        try {
            chain.proceed();
        } finally {
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            String rawPath = req.path().absolute().rawPathNoParams();
            String route = rawPath.startsWith("/v2") ? OciRoute.label(rawPath) : "system";
            long in = body.get() == null ? 0 : body.get().count();
            int status = res.status().code();
            metrics.request(route, req.prologue().method().text(), status, took, in, res.bytesWritten());
            if (logLines && LOG.isLoggable(Level.INFO)) {
                LOG.info(line(req, rawPath, route, status, took, in, res.bytesWritten()));
            }
        }
    }

    private static String line(RoutingRequest req, String rawPath, String route, int status, Duration took,
                               long in, long out) {
        ObjectNode line = MAPPER.createObjectNode();
        line.put("ts", Instant.now().toString());
        line.put("method", req.prologue().method().text());
        line.put("path", rawPath.length() > MAX_LOGGED_PATH ? rawPath.substring(0, MAX_LOGGED_PATH) : rawPath);
        line.put("route", route);
        line.put("status", status);
        line.put("ms", took.toNanos() / 1_000_000.0);
        line.put("in", in);
        line.put("out", out);
        line.put("remote", req.remotePeer().host());
        return line.toString();
    }
}
