package io.flotilla.node;

import io.flotilla.node.config.ConfigLoader;
import io.flotilla.node.config.FlotillaConfig;
import io.flotilla.storage.spi.BlobStore;
import io.flotilla.storage.spi.MetadataStore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

/**
 * A real node for tests: the production wiring, listening on a free loopback port, with its own data
 * directory and its own Hazelcast cluster name so parallel nodes never merge.
 *
 * <p>It runs on embedded defaults unless the system properties {@code flotilla.test.blobs} (fs, s3,
 * rados) or {@code flotilla.test.metadata} (embedded, cassandra) name real backends. Then it takes their
 * addresses from the {@code FLOTILLA_*} variables that {@code deploy/local/services.sh env} prints, and a
 * namespace of its own in each (a RADOS namespace, a bucket, a keyspace), so suites can share the servers.
 */
public final class TestNode implements AutoCloseable {
    private final FlotillaNode node;
    private final Path dataDir;
    private final String adminPassword;
    /** The node's own Cassandra keyspace, dropped when it stops; null on the embedded store. */
    private final String keyspace;

    private TestNode(FlotillaNode node, Path dataDir, String keyspace) {
        this.node = node;
        this.dataDir = dataDir;
        this.adminPassword = readAdminPassword(dataDir);
        this.keyspace = keyspace;
    }

    /**
     * The bootstrap admin's password: FLOTILLA_ADMIN_PASSWORD when the environment sets it, else the one the
     * node generated into its data directory (empty when auth is off and no admin was made).
     */
    private static String readAdminPassword(Path dataDir) {
        String fromEnv = System.getenv("FLOTILLA_ADMIN_PASSWORD");
        if (fromEnv != null && !fromEnv.isEmpty()) {
            return fromEnv;
        }
        Path file = dataDir.resolve("auth").resolve("admin-password");
        try {
            return Files.exists(file) ? Files.readString(file).strip() : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String adminPassword() {
        return adminPassword;
    }

    /** {@code Basic …} for the bootstrap admin: what suites that are not about access control sign in with. */
    public String adminAuthorization() {
        return basic("admin", adminPassword);
    }

    public static String basic(String user, String password) {
        return "Basic " + java.util.Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** A request to {@code path} on this node, signed in as the admin. */
    public java.net.http.HttpRequest.Builder adminRequest(String path) {
        return java.net.http.HttpRequest.newBuilder(uri(path)).header("Authorization", adminAuthorization());
    }

    public static TestNode start() {
        return start(Map.of());
    }

    /** Starts a node; {@code overrides} are dotted configuration keys, as on the command line. */
    public static TestNode start(Map<String, String> overrides) {
        try {
            Path dataDir = Files.createTempDirectory("flotilla-node-");
            FlotillaConfig config = config(dataDir, overrides);
            return new TestNode(FlotillaNode.start(config), dataDir, keyspaceOf(config));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A node's two stores without the node, chosen as {@link #start} chooses them; closing drops the keyspace. */
    public record Stores(MetadataStore metadata, BlobStore blobs, String keyspace) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            metadata.close();
            blobs.close();
            if (keyspace != null) {
                io.flotilla.storage.cassandra.TestKeyspaces.drop(keyspace);
            }
        }
    }

    public static Stores stores(Path dataDir) throws IOException {
        FlotillaConfig config = config(dataDir, Map.of());
        return new Stores(Backends.metadata(config), Backends.blobs(config), keyspaceOf(config));
    }

    private static FlotillaConfig config(Path dataDir, Map<String, String> overrides) {
        ConfigLoader loader = new ConfigLoader();
        String blobs = overrides.getOrDefault("storage.blobs", System.getProperty("flotilla.test.blobs", "fs"));
        String metadata = overrides.getOrDefault("storage.metadata",
                System.getProperty("flotilla.test.metadata", "embedded"));
        if (!blobs.equals("fs") || !metadata.equals("embedded")) {
            loader.environment(System.getenv());
        }
        String unique = UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        loader.set("storage.blobs", blobs).set("storage.metadata", metadata)
                .set("rados.namespace", "test-" + unique)
                .set("s3.bucket", "test-" + unique)
                .set("cassandra.keyspace", "t" + unique)
                .set("server.port", "0")
                .set("server.pre-stop-delay-seconds", "0")
                .set("storage.data-dir", dataDir.toString())
                .set("cluster.name", "test-" + UUID.randomUUID())
                .set("cluster.port", "0")
                .set("log.requests", "false");
        overrides.forEach(loader::set);
        return loader.load();
    }

    private static String keyspaceOf(FlotillaConfig config) {
        return config.storage().metadata().equals("cassandra")
                ? config.cassandra().keyspacePrefix() + "_" + config.cassandra().keyspace() : null;
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
        if (keyspace != null) {
            io.flotilla.storage.cassandra.TestKeyspaces.drop(keyspace);
        }
    }
}
