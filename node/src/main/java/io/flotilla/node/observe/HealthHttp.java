package io.flotilla.node.observe;

import io.flotilla.storage.support.BackendHealth;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * {@code /healthz} (the process answers; the body gives each backend's last observed state),
 * {@code /readyz} (joined and not draining; a backend outage
 * does not flip it, since every node would flip together) and {@code /metrics} (Prometheus text).
 */
public final class HealthHttp implements HttpService {
    private final BooleanSupplier ready;
    private final NodeMetrics metrics;
    private final List<BackendHealth> backends;

    public HealthHttp(BooleanSupplier ready, NodeMetrics metrics, List<BackendHealth> backends) {
        this.ready = ready;
        this.metrics = metrics;
        this.backends = List.copyOf(backends);
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/healthz", (req, res) -> text(res, Status.OK_200, "ok\n" + backendLines()))
                .get("/readyz", (req, res) -> {
                    boolean ok = ready.getAsBoolean();
                    text(res, ok ? Status.OK_200 : Status.SERVICE_UNAVAILABLE_503, ok ? "ready\n" : "not ready\n");
                })
                .get("/metrics", (req, res) -> {
                    res.header(HeaderNames.CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8");
                    res.send(metrics.scrape().getBytes(StandardCharsets.UTF_8));
                });
    }

    private String backendLines() {
        StringBuilder out = new StringBuilder();
        for (BackendHealth backend : backends) {
            BackendHealth.State state = backend.state();
            out.append(backend.name()).append(": ");
            out.append(state.up() ? "up" : "unavailable since " + state.since() + " (" + state.reason() + ")");
            out.append('\n');
        }
        return out.toString();
    }

    private static void text(io.helidon.webserver.http.ServerResponse res, Status status, String body) {
        res.status(status).header(HeaderNames.CONTENT_TYPE, "text/plain").send(body.getBytes(StandardCharsets.US_ASCII));
    }
}
