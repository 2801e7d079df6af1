package io.flotilla.node.observe;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.flotilla.node.http.ErrorResponses;
import io.flotilla.node.http.OciRoute;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Records every request in the request meters and, when a writer is given, as one JSON line in the
 * node's log stream (prefixed like the node's other log lines, logger name {@code io.flotilla.access}).
 */
public final class AccessLog implements Filter {
    private static final int MAX_LOGGED_PATH = 512;
    private static final JsonStringEncoder JSON = JsonStringEncoder.getInstance();

    private final NodeMetrics metrics;
    private final AccessLogWriter writer;

    /** @param writer where lines go, or null to log none */
    public AccessLog(NodeMetrics metrics, AccessLogWriter writer) {
        this.metrics = metrics;
        this.writer = writer;
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
        // A filter after this one (the access-control gate) refuses by throwing; the error handler answers it
        // only after this filter has returned, so its status is taken from the exception.
        Integer refused = null;
        try {
            chain.proceed();
        } catch (RuntimeException e) {
            refused = res.isSent() ? null : ErrorResponses.codeOf(e).status();
            throw e;
        } finally {
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            String rawPath = req.path().absolute().rawPathNoParams();
            String route = rawPath.startsWith("/v2") ? OciRoute.label(rawPath) : "system";
            long in = body.get() == null ? 0 : body.get().count();
            int status = refused != null ? refused : res.status().code();
            String method = req.prologue().method().text();
            metrics.request(route, method, status, took, in, res.bytesWritten());
            if (writer != null) {
                writer.write(line(method, rawPath, route, status, took, in, res.bytesWritten(),
                        req.remotePeer().host()));
            }
        }
    }

    static String line(String method, String rawPath, String route, int status, Duration took, long in, long out,
                       String remote) {
        String now = Instant.now().toString();
        String path = rawPath.length() > MAX_LOGGED_PATH ? rawPath.substring(0, MAX_LOGGED_PATH) : rawPath;
        StringBuilder line = new StringBuilder(256);
        // The prefix of every other log line: the time to the millisecond, the level and the logger.
        line.append(now, 0, Math.min(now.length() - 1, 23)).append("Z INFO io.flotilla.access ");
        line.append("{\"ts\":\"").append(now);
        string(line.append("\",\"method\":"), method);
        string(line.append(",\"path\":"), path);
        string(line.append(",\"route\":"), route);
        line.append(",\"status\":").append(status);
        line.append(",\"ms\":").append(took.toNanos() / 1_000_000.0);
        line.append(",\"in\":").append(in);
        line.append(",\"out\":").append(out);
        string(line.append(",\"remote\":"), remote);
        return line.append('}').toString();
    }

    private static void string(StringBuilder line, String value) {
        line.append('"');
        JSON.quoteAsString(value, line);
        line.append('"');
    }
}
