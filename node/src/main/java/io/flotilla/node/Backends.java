package io.flotilla.node;

import io.flotilla.node.config.FlotillaConfig;
import io.flotilla.storage.cassandra.CassandraMetadataStore;
import io.flotilla.storage.cassandra.CassandraSettings;
import io.flotilla.storage.embedded.EmbeddedMetadataStore;
import io.flotilla.storage.fs.FsBlobStore;
import io.flotilla.storage.rados.RadosBlobStore;
import io.flotilla.storage.rados.RadosConfig;
import io.flotilla.storage.s3.S3BlobStore;
import io.flotilla.storage.s3.S3Settings;
import io.flotilla.storage.spi.BlobStore;
import io.flotilla.storage.spi.MetadataStore;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** Opens the blob and metadata backends that {@code storage.blobs} and {@code storage.metadata} name. */
final class Backends {
    private Backends() {
    }

    static BlobStore blobs(FlotillaConfig config) throws IOException {
        return switch (config.storage().blobs()) {
            case "fs" -> new FsBlobStore(config.storage().blobsRoot());
            case "s3" -> s3(config);
            case "rados" -> RadosBlobStore.open(rados(config));
            default -> throw new IllegalArgumentException(
                    "storage.blobs must be fs, s3 or rados, not " + config.storage().blobs());
        };
    }

    static MetadataStore metadata(FlotillaConfig config) {
        return switch (config.storage().metadata()) {
            case "embedded" -> new EmbeddedMetadataStore(config.storage().root().resolve("metadata"));
            case "cassandra" -> CassandraMetadataStore.open(cassandra(config.cassandra()));
            default -> throw new IllegalArgumentException(
                    "storage.metadata must be embedded or cassandra, not " + config.storage().metadata());
        };
    }

    private static BlobStore s3(FlotillaConfig config) throws IOException {
        FlotillaConfig.S3 s3 = config.s3();
        if (s3.endpoint().isBlank()) {
            throw new IllegalArgumentException("storage.blobs is s3, but s3.endpoint is not set");
        }
        Path spool = Files.createDirectories(config.storage().root().resolve("s3-spool"));
        S3Settings defaults = S3Settings.of(URI.create(s3.endpoint()), s3.region(), s3.bucketPrefix() + s3.bucket(),
                s3.accessKey(), s3.secretKey());
        S3BlobStore store = new S3BlobStore(
                defaults.withParts(s3.partSizeMib() * S3Settings.MIB, defaults.memoryBuffer(), spool));
        store.createBucketIfMissing();
        return store;
    }

    private static CassandraSettings cassandra(FlotillaConfig.Cassandra c) {
        String keyspace = c.keyspace().isBlank() ? c.keyspacePrefix() : c.keyspacePrefix() + "_" + c.keyspace();
        CassandraSettings settings = CassandraSettings.of(
                CassandraSettings.contactPoints(String.join(",", c.contactPoints())), c.localDc(), keyspace,
                CassandraSettings.replication(String.join(",", c.dcs())));
        return settings.withTimeouts(Duration.ofMillis(c.requestTimeoutMs()), settings.connectTimeout(),
                settings.ddlTimeout());
    }

    private static RadosConfig rados(FlotillaConfig config) {
        return new RadosConfig(Path.of(config.ceph().conf()), Path.of(config.ceph().keyring()), config.ceph().user(),
                config.rados().pool(), config.rados().namespace(), Duration.ofSeconds(config.rados().timeoutSeconds()));
    }
}
