package io.flotilla.node;

import io.flotilla.cluster.ClusterSettings;
import io.flotilla.cluster.hazelcast.GridSerialization;
import io.flotilla.cluster.hazelcast.HazelcastCluster;
import io.flotilla.node.admin.ClusterAdminHttp;
import io.flotilla.node.api.GcApi;
import io.flotilla.node.config.FlotillaConfig;
import io.flotilla.node.gc.GarbageCollection;
import io.flotilla.node.gc.GcControl;
import io.flotilla.node.gc.GcFailpoints;
import io.flotilla.node.gc.GcFromConfig;
import io.flotilla.node.gc.GcMetrics;
import io.flotilla.node.gc.GcQueue;
import io.flotilla.node.gc.GcSettings;
import io.flotilla.node.gc.ReadMarks;
import io.flotilla.node.http.ErrorResponses;
import io.flotilla.node.http.RegistryApi;
import io.flotilla.node.http.RequestAudit;
import io.flotilla.node.http.RequestFraming;
import io.flotilla.node.http.Urls;
import io.flotilla.node.observe.AccessLog;
import io.flotilla.node.observe.AccessLogWriter;
import io.flotilla.node.observe.HealthHttp;
import io.flotilla.node.observe.NodeMetrics;
import io.flotilla.node.registry.Registry;
import io.flotilla.storage.spi.BlobStore;
import io.flotilla.storage.spi.MetadataStore;
import io.flotilla.storage.support.BackendHealth;
import io.flotilla.storage.support.HealthTracking;
import io.flotilla.storage.support.ValidatingBlobStore;
import io.helidon.webserver.WebServer;

import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/** One running registry node: its stores, its cluster member, its HTTP server and background work. */
public final class FlotillaNode implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(FlotillaNode.class.getName());

    private final MetadataStore metadata;
    private final BlobStore blobs;
    private final HazelcastCluster cluster;
    private final WebServer server;
    private final ScheduledExecutorService background;
    private final AccessLogWriter accessLog;
    private final AccessControl access;
    private final GarbageCollection gc;
    private final AtomicBoolean ready = new AtomicBoolean();
    private final Duration preStopDelay;

    private FlotillaNode(MetadataStore metadataBackend, BlobStore blobBackend, HazelcastCluster cluster,
                         FlotillaConfig config, HttpAddress http) {
        BackendHealth metadataHealth = new BackendHealth("metadata");
        BackendHealth blobHealth = new BackendHealth("blobs");
        this.metadata = HealthTracking.wrap(MetadataStore.class, metadataBackend, metadataHealth);
        this.blobs = HealthTracking.wrap(BlobStore.class, blobBackend, blobHealth);
        this.cluster = cluster;
        this.preStopDelay = Duration.ofSeconds(config.server().preStopDelaySeconds());
        List<BackendHealth> backends = List.of(metadataHealth, blobHealth);
        NodeMetrics metrics = new NodeMetrics(cluster.uploadSessions()::openCount, backends);
        metrics.cluster(cluster.stats(), cluster.membership());
        this.accessLog = config.log().requests() ? new AccessLogWriter(System.err) : null;
        if (accessLog != null) {
            metrics.accessLog(accessLog);
        }
        Clock clock = Clock.systemUTC();
        GcSettings gcSettings = GcFromConfig.settings(config.gc());
        GcQueue gcQueue = new GcQueue(this.metadata, clock, gcSettings.delay(), config.cassandra().localDc());
        ReadMarks reads = new ReadMarks(cluster.caches().blobReads(), clock, GcFromConfig.readResolution(gcSettings),
                task -> Thread.ofVirtual().name("gc-read-mark").start(task));
        Registry registry = Registry.create(this.blobs, this.metadata, cluster.uploadSessions(), cluster.locks(),
                metrics.counted(cluster.caches()), gcQueue, reads, clock,
                new Registry.Settings(config.limits().manifestMaxBytes(), config.uploads().ttl()));
        GcControl gcControl = new GcControl(this.metadata);
        this.gc = new GarbageCollection(gcSettings, this.metadata, this.blobs, gcQueue, reads, registry.manifests(),
                p -> cluster.ownership().owns(GcFromConfig.partitionKey(p)), gcControl,
                new GcMetrics(metrics.registry(), gcControl::pausedAsLastSeen), clock, GcFailpoints.NONE);
        Urls urls = new Urls(config.server().publicUrl());
        this.access = config.auth().enabled()
                ? new AccessControl(config, this.metadata, urls,
                        io.flotilla.node.auth.ldap.LdapFromConfig.directory(config.auth().ldap()), Clock.systemUTC()) : null;
        RequestAudit audit = access == null ? RequestAudit.NONE : access.http().audit();
        this.server = WebServer.builder()
                .host(config.server().bind())
                .port(http.port())
                .shutdownHook(false)
                .shutdownGracePeriod(Duration.ofSeconds(config.server().drainSeconds()))
                // Helidon 4.3.0 pins a 4 KiB receive buffer otherwise, which caps uploads near 100 MB/s.
                .putListenerSocketOption(StandardSocketOptions.SO_RCVBUF, config.server().receiveBufferBytes())
                .directHandlers(ErrorResponses.directHandlers())
                .routing(routing -> {
                    ErrorResponses.register(routing);
                    routing.addFilter(new AccessLog(metrics, accessLog));
                    routing.addFilter(new RequestFraming());
                    if (access != null) {
                        routing.addFilter(access.http().gate());
                        routing.addFilter(access.api().gate());
                        routing.register(access.http().tokens());
                        access.api().services().forEach(routing::register);
                    }
                    routing.register(new HealthHttp(this::isReady, metrics, backends));
                    routing.register(new ClusterAdminHttp(cluster.membership(), cluster.ownership()));
                    routing.register(access != null ? new GcApi(gc, this.metadata, GcApi::systemAdmin, access.audit())
                            : new GcApi(gc, this.metadata, req -> new GcApi.Admin("anonymous",
                                    req.remotePeer().host()), null));
                    routing.register(new RegistryApi(registry, urls, audit));
                })
                .build();
        this.background = Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("janitor").factory());
        long every = config.uploads().cleanupInterval().toSeconds();
        background.scheduleWithFixedDelay(() -> sweep(registry), every, every, TimeUnit.SECONDS);
        if (access != null) {
            background.scheduleWithFixedDelay(access::maintainKeys, 1, 1, TimeUnit.HOURS);
        }
        gc.start();
    }

    /** Opens the stores, joins the cluster and starts serving. */
    public static FlotillaNode start(FlotillaConfig config) throws IOException {
        if (System.getProperty("helidon.serialFilter.pattern") == null) {
            // Helidon installs a JVM-wide filter refusing every class it was not told about; the grid needs some.
            System.setProperty("helidon.serialFilter.pattern", GridSerialization.jdkFilterPattern());
        }
        Path root = config.storage().root();
        Files.createDirectories(root);
        BlobStore blobs = new ValidatingBlobStore(Backends.blobs(config));
        MetadataStore metadata = Backends.metadata(config);
        HttpAddress http = HttpAddress.of(config.server());
        HazelcastCluster cluster = HazelcastCluster.start(clusterSettings(config, http.url()));
        FlotillaNode node = new FlotillaNode(metadata, blobs, cluster, config, http);
        node.server.start();
        if (!node.server.isRunning()) {
            // Helidon logs why (an address in use, say) and returns instead of throwing.
            node.closeNow();
            throw new IOException("the HTTP server did not start on " + config.server().bind() + ":"
                    + config.server().port());
        }
        node.ready.set(true);
        LOG.info("Flotilla node serving on http://" + config.server().bind() + ":" + node.port()
                + " with data in " + root.toAbsolutePath());
        return node;
    }

    private static ClusterSettings clusterSettings(FlotillaConfig config, String httpUrl) {
        FlotillaConfig.Cluster c = config.cluster();
        ClusterSettings defaults = ClusterSettings.defaults(c.name());
        return new ClusterSettings(c.name(), config.clusterBind(), c.port(), c.join(), c.backupCount(),
                config.uploads().ttl(), defaults.linkCacheTtl(), defaults.lockLease(),
                Duration.ofMillis(c.heartbeatIntervalMs()), Duration.ofMillis(c.maxNoHeartbeatMs()),
                Duration.ofSeconds(c.mergeFirstRunDelaySeconds()), Duration.ofSeconds(c.mergeIntervalSeconds()),
                defaults.shutdownMaxWait(), defaults.manifestCacheMegabytes(), c.kubernetesServiceDns(),
                httpUrl, c.minMembers(), Duration.ofMillis(c.gridCallTimeoutMs()));
    }

    /** The HTTP port actually bound (useful when configured as 0). */
    public int port() {
        return server.port();
    }

    /**
     * Joined, serving and not draining. Deliberately not tied to quorum: a minority side still serves
     * reads and CAS-guarded writes correctly, and when the grid is cut between every pair of nodes each
     * node is a minority, so tying readiness to quorum would take the whole registry down.
     */
    public boolean isReady() {
        return ready.get() && cluster.isRunning();
    }

    private static void sweep(Registry registry) {
        try {
            int removed = registry.janitor().sweep();
            if (removed > 0) {
                LOG.info("removed " + removed + " expired uploads");
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "upload sweep failed; it runs again later", e);
        }
    }

    /**
     * Leaves as SIGTERM asks: fail readiness, keep serving through the pre-stop delay while balancers
     * notice, stop accepting and drain in-flight requests, then leave the cluster (which hands the
     * partitions of upload sessions to the other members) and close the stores.
     */
    @Override
    public void close() {
        ready.set(false);
        try {
            Thread.sleep(preStopDelay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closeNow();
    }

    /** Stops serving and closes everything at once, with no pre-stop delay. */
    private void closeNow() {
        server.stop();
        if (accessLog != null) {
            accessLog.close();
        }
        background.shutdownNow();
        gc.close();
        if (access != null) {
            access.close();
        }
        cluster.close();
        metadata.close();
        try {
            blobs.close();
        } catch (IOException e) {
            LOG.log(Level.WARNING, "closing the blob store failed", e);
        }
    }
}
