package io.flotilla.node.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** The whole configuration tree. Keys and defaults are documented in {@code flotilla-defaults.yaml}. */
public record FlotillaConfig(Server server, Storage storage, Cassandra cassandra, Ceph ceph, Rados rados, S3 s3,
                             Cluster cluster,
                             Uploads uploads, Limits limits, Log log, Auth auth, Audit audit, Gc gc) {

    public record Server(String bind, int port, String publicUrl, long preStopDelaySeconds, long drainSeconds,
                         int receiveBufferBytes) {
    }

    public record Storage(String dataDir, String blobs, String fsRoot, String metadata) {
        public Path root() {
            return Path.of(dataDir);
        }

        /** Where the fs blob backend keeps its files. */
        public Path blobsRoot() {
            return fsRoot == null || fsRoot.isBlank() ? root().resolve("blobs") : Path.of(fsRoot);
        }
    }

    public record Cassandra(List<String> contactPoints, String localDc, List<String> dcs, String keyspacePrefix,
                            String keyspace, long requestTimeoutMs) {
    }

    public record Ceph(String conf, String keyring, String user) {
    }

    public record Rados(String pool, String namespace, long timeoutSeconds) {
    }

    public record S3(String endpoint, String region, String accessKey, String secretKey, String bucketPrefix,
                     String bucket, long partSizeMib) {
    }

    public record Cluster(String name, String bind, int port, List<String> join, int backupCount,
                          String kubernetesServiceDns, int minMembers, long heartbeatIntervalMs,
                          long maxNoHeartbeatMs, long mergeFirstRunDelaySeconds, long mergeIntervalSeconds,
                          long gridCallTimeoutMs) {
        public Cluster {
            // Checked here, not only when the grid starts, so that the error names the key.
            if (minMembers < 0) {
                throw new IllegalArgumentException("min-members must be 0 (off) or more: " + minMembers);
            }
            if (heartbeatIntervalMs <= 0 || maxNoHeartbeatMs <= heartbeatIntervalMs) {
                throw new IllegalArgumentException("heartbeat-interval-ms must be positive and below max-no-heartbeat-ms: "
                        + heartbeatIntervalMs + ", " + maxNoHeartbeatMs);
            }
            if (mergeFirstRunDelaySeconds <= 0 || mergeIntervalSeconds <= 0 || gridCallTimeoutMs <= 0) {
                throw new IllegalArgumentException(
                        "merge-first-run-delay-seconds, merge-interval-seconds and grid-call-timeout-ms must be positive");
            }
        }
    }

    public record Uploads(long ttlSeconds, long cleanupIntervalSeconds) {
        public Duration ttl() {
            return Duration.ofSeconds(ttlSeconds);
        }

        public Duration cleanupInterval() {
            return Duration.ofSeconds(cleanupIntervalSeconds);
        }
    }

    public record Limits(int manifestMaxBytes) {
    }

    public record Log(boolean requests) {
    }

    public record Auth(boolean enabled, String service, String issuer, long tokenLifetimeSeconds,
                       long refreshTokenLifetimeSeconds, long keyRotationHours, String defaultProject,
                       long accessCacheSeconds, long credentialCacheSeconds, boolean protectMetrics,
                       String adminPasswordFile, int throttleFreeFailures, long throttleBaseDelayMs,
                       long throttleMaxDelaySeconds, Ldap ldap, Oidc oidc) {
        public Auth {
            if (tokenLifetimeSeconds <= 0 || refreshTokenLifetimeSeconds <= 0 || keyRotationHours <= 0) {
                throw new IllegalArgumentException(
                        "token-lifetime-seconds, refresh-token-lifetime-seconds and key-rotation-hours must be positive");
            }
            if (service == null || service.isBlank() || issuer == null || issuer.isBlank()) {
                throw new IllegalArgumentException("auth.service and auth.issuer must not be empty");
            }
        }

        public Duration tokenLifetime() {
            return Duration.ofSeconds(tokenLifetimeSeconds);
        }

        public Duration refreshTokenLifetime() {
            return Duration.ofSeconds(refreshTokenLifetimeSeconds);
        }

        public Duration accessCacheTtl() {
            return Duration.ofSeconds(accessCacheSeconds);
        }

        public Duration credentialCacheTtl() {
            return Duration.ofSeconds(credentialCacheSeconds);
        }
    }

    public record Ldap(String url, String bindDn, String bindPassword, String userBaseDn, String userFilter,
                       String usernameAttribute, String emailAttribute, String displayNameAttribute,
                       String groupAttribute, String groupBaseDn, String groupFilter, long connectTimeoutMs,
                       long readTimeoutMs, boolean startTls, String caFile) {
        public boolean enabled() {
            return url != null && !url.isBlank();
        }
    }

    public record Oidc(String issuer, String clientId, String clientSecret, List<String> scopes, String groupsClaim,
                       String usernameClaim, long loginTimeoutSeconds) {
        public boolean enabled() {
            return issuer != null && !issuer.isBlank();
        }
    }

    public record Audit(long retentionDays, int pullQueue, long flushMs) {
        public Audit {
            if (retentionDays <= 0 || pullQueue <= 0 || flushMs <= 0) {
                throw new IllegalArgumentException("audit.retention-days, pull-queue and flush-ms must be positive");
            }
        }

        public Duration retention() {
            return Duration.ofDays(retentionDays);
        }
    }

    /** Garbage collection; {@code io.flotilla.node.gc.GcSettings} checks the values. */
    public record Gc(boolean enabled, long delaySeconds, long graceSeconds, long intervalMs, int batch, int concurrency,
                     int maxTransitionsPerSecond, int maxDeletesPerSecond, long untaggedAfterHours,
                     long scrubIntervalSeconds, int scrubSample) {
    }

    /** The cluster bind address, defaulting to the HTTP one. */
    public String clusterBind() {
        return cluster.bind() == null || cluster.bind().isBlank() ? server.bind() : cluster.bind();
    }
}
