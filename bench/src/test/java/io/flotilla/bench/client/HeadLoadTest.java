package io.flotilla.bench.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The client against a real server: HEAD answers announcing a body must not stall it (wrk's failure). */
class HeadLoadTest {

    @Test
    void completesHeadRequestsWithContentLengthAndSendsTheHeaders() throws Exception {
        AtomicReference<String> accept = new AtomicReference<>();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.createContext("/blob", exchange -> {
            accept.set(exchange.getRequestHeaders().getFirst("Accept"));
            exchange.getResponseHeaders().set("Content-Length", "4096");
            exchange.sendResponseHeaders(exchange.getRequestMethod().equals("HEAD") ? 200 : 405, -1);
            exchange.close();
        });
        server.start();
        try {
            URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/blob");
            LoadResult r = new HeadLoad(4, 1).run(url, List.of("Accept: application/x-test"), Duration.ZERO,
                    Duration.ofMillis(300));
            assertNull(r.problem(), () -> "problem: " + r.problem());
            assertTrue(r.requests() > 0);
            assertTrue(r.p99Ms() >= r.p50Ms());
            assertEquals("application/x-test", accept.get());
        } finally {
            server.stop(0);
        }
    }

    @Test
    void errorStatusesAreCountedNotHidden() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.createContext("/", exchange -> {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
        });
        server.start();
        try {
            URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/missing");
            LoadResult r = new HeadLoad(2, 1).run(url, List.of(), Duration.ZERO, Duration.ofMillis(200));
            assertTrue(r.errorResponses() > 0);
            assertTrue(r.problem().contains("responses were errors"), r.problem());
        } finally {
            server.stop(0);
        }
    }
}
