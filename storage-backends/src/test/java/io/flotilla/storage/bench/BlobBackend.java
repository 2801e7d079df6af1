package io.flotilla.storage.bench;

import com.ceph.rados.IoCTX;
import com.ceph.rados.Rados;
import io.flotilla.storage.fs.FsBlobStore;
import io.flotilla.storage.rados.RadosBlobStore;
import io.flotilla.storage.rados.RadosConfig;
import io.flotilla.storage.s3.S3BlobStore;
import io.flotilla.storage.s3.S3Settings;
import io.flotilla.storage.spi.BlobStore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One blob backend under test: the store, where it keeps its bytes, and what removes everything the
 * benchmark left there. Each run gets space of its own: a fresh directory, bucket or RADOS namespace.
 */
final class BlobBackend implements AutoCloseable {
    @FunctionalInterface
    private interface Cleanup {
        void run() throws Exception;
    }

    private final String name;
    private final String where;
    private final BlobStore store;
    private final Cleanup cleanup;

    private BlobBackend(String name, String where, BlobStore store, Cleanup cleanup) {
        this.name = name;
        this.where = where;
        this.store = store;
        this.cleanup = cleanup;
    }

    String name() {
        return name;
    }

    String where() {
        return where;
    }

    BlobStore store() {
        return store;
    }

    /** Opens the backend called {@code name} (fs, s3 or rados) with the settings in {@code env}. */
    static BlobBackend open(String name, Map<String, String> env, Path scratch) throws IOException {
        return switch (name) {
            case "fs" -> fs(scratch.resolve("fs"));
            case "s3" -> s3(env, scratch.resolve("s3-spool"));
            case "rados" -> rados(env);
            default -> throw new IllegalArgumentException("unknown blob backend " + name + " (known: fs s3 rados)");
        };
    }

    private static BlobBackend fs(Path dir) throws IOException {
        FsBlobStore store = new FsBlobStore(dir);
        return new BlobBackend("fs", dir.toString(), store, () -> {
            store.close();
            Scratch.delete(dir);
        });
    }

    /** A fresh bucket, with the store's default part size and memory buffer, spooling under the scratch directory. */
    private static BlobBackend s3(Map<String, String> env, Path spool) throws IOException {
        String prefix = env.getOrDefault(S3Settings.ENV_BUCKET_PREFIX, "flotilla-").toLowerCase();
        String bucket = prefix + (prefix.endsWith("-") ? "" : "-") + "bench-"
                + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        S3Settings settings = S3Settings.fromEnvironment(env, bucket)
                .withParts(S3Settings.DEFAULT_PART_SIZE, (int) (16 * S3Settings.MIB), spool);
        S3BlobStore store = new S3BlobStore(settings);
        try {
            store.createBucketIfMissing();
        } catch (IOException | RuntimeException e) {
            store.close();
            throw e;
        }
        return new BlobBackend("s3", settings.endpoint() + "/" + bucket, store, () -> {
            try (S3Client admin = adminClient(settings)) {
                store.abortMultipartUploadsOlderThan(Instant.now().plusSeconds(3600));
                List<String> left = admin.listObjectsV2Paginator(b -> b.bucket(bucket)).contents().stream()
                        .map(S3Object::key).toList();
                store.delete(left);
                admin.deleteBucket(b -> b.bucket(bucket));
            } finally {
                store.close();
                Scratch.delete(spool);
            }
        });
    }

    /** For listing and removing the bucket, which the store itself never does. */
    private static S3Client adminClient(S3Settings settings) {
        return S3Client.builder()
                .endpointOverride(settings.endpoint())
                .region(Region.of(settings.region()))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(settings.accessKey(), settings.secretKey())))
                .forcePathStyle(settings.pathStyle())
                .httpClientBuilder(Apache5HttpClient.builder())
                .build();
    }

    /** A fresh namespace in the pool; at the end every object in it (index shards included) is removed. */
    private static BlobBackend rados(Map<String, String> env) throws IOException {
        RadosConfig config = RadosConfig.fromEnvironment(env).withNamespace("bench-" + UUID.randomUUID());
        RadosBlobStore store = RadosBlobStore.open(config);
        return new BlobBackend("rados", config.pool() + "/" + config.namespace(), store, () -> {
            store.close();
            Rados admin = new Rados("ceph", config.user(), 0);
            try {
                admin.confReadFile(config.conf().toFile());
                admin.confSet("keyring", config.keyring().toString());
                admin.connect();
                try (IoCTX io = admin.ioCtxCreate(config.pool())) {
                    io.setNamespace(config.namespace());
                    for (String oid : io.listObjects()) {
                        io.remove(oid);
                    }
                }
            } finally {
                admin.shutDown();
            }
        });
    }

    /** Removes everything the benchmark wrote here and closes the store. */
    @Override
    public void close() throws Exception {
        cleanup.run();
    }
}
