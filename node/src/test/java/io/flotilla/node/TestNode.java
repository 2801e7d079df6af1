package io.flotilla.node;

import io.flotilla.node.config.ConfigLoader;
import io.flotilla.node.config.FlotillaConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

/**
 * A real node for tests: the production wiring on embedded defaults, listening on a free loopback
 * port, with its own data directory and its own Hazelcast cluster name so parallel nodes never merge.
 */
public final class TestNode implements AutoCloseable {
    private final FlotillaNode node;
    private final Path dataDir;

    private TestNode(FlotillaNode node, Path dataDir) {
        this.node = node;
        this.dataDir = dataDir;
    }

    public static TestNode start() {
        return start(Map.of());
    }

    /** Starts a node; {@code overrides} are dotted configuration keys, as on the command line. */
    public static TestNode start(Map<String, String> overrides) {
        try {
            Path dataDir = Files.createTempDirectory("flotilla-node-");
            ConfigLoader loader = new ConfigLoader()
                    .set("server.port", "0")
                    .set("storage.data-dir", dataDir.toString())
                    .set("cluster.name", "test-" + UUID.randomUUID())
                    .set("cluster.port", "0")
                    .set("log.requests", "false");
            overrides.forEach(loader::set);
            FlotillaConfig config = loader.load();
            return new TestNode(FlotillaNode.start(config), dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return node.port();
    }

    /** {@code 127.0.0.1:port}, the form OCI clients take. */
    public String hostPort() {
        return "127.0.0.1:" + port();
    }

    public URI uri(String path) {
        return URI.create("http://" + hostPort() + path);
    }

    public Path dataDir() {
        return dataDir;
    }

    @Override
    public void close() {
        node.close();
    }
}
