package io.flotilla.storage.s3;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How to reach one bucket, and how to move bytes to it.
 *
 * @param endpoint        the S3 endpoint, e.g. {@code http://127.0.0.1:7480} for a local RGW
 * @param region          the signing region; RGW accepts any name, AWS needs the bucket's own
 * @param bucket          the bucket; it must exist ({@link S3BlobStore#createBucketIfMissing} can make it)
 * @param accessKey       the access key id
 * @param secretKey       the secret key; never printed
 * @param pathStyle       address the bucket as {@code endpoint/bucket} rather than {@code bucket.endpoint};
 *                        RGW, s3proxy and MinIO need it
 * @param keyPrefix       prepended to every store key, so several stores can share a bucket; empty or
 *                        ending in '/'
 * @param partSize        the largest object written with one PutObject, and the size of every multipart
 *                        part but the last; 64 MiB by default, so 10,000 parts hold 625 GiB
 * @param memoryBuffer    how much of a part is held on the heap before the rest spills to a file in
 *                        {@code spoolDir}; bounds the heap each concurrent write can take
 * @param spoolDir        where spilled parts go, deleted as soon as the part is sent
 * @param connectTimeout  to open a TCP connection
 * @param socketTimeout   the longest silence on an open connection, in either direction, before the call
 *                        fails; a long transfer that keeps moving never times out
 * @param requestTimeout  the whole of a call that moves no blob bytes (HEAD, list, delete, multipart
 *                        bookkeeping), retries included
 * @param maxAttempts     tries per call, the first included; retries only for errors the SDK deems
 *                        retryable (throttling, 5xx, I/O), with backoff
 * @param maxConnections  the HTTP connection pool's size
 */
public record S3Settings(
        URI endpoint,
        String region,
        String bucket,
        String accessKey,
        String secretKey,
        boolean pathStyle,
        String keyPrefix,
        long partSize,
        int memoryBuffer,
        Path spoolDir,
        Duration connectTimeout,
        Duration socketTimeout,
        Duration requestTimeout,
        int maxAttempts,
        int maxConnections) {

    public static final long MIB = 1024 * 1024;
    /** The default part size: 64 MiB. */
    public static final long DEFAULT_PART_SIZE = 64 * MIB;
    /** S3's smallest part (all but the last), and its largest. */
    public static final long MIN_PART_SIZE = 5 * MIB;
    public static final long MAX_PART_SIZE = 5 * 1024 * MIB;

    /** The environment variables that {@code deploy/local/services.sh env} prints for an S3 store. */
    public static final String ENV_ENDPOINT = "FLOTILLA_S3_ENDPOINT";
    public static final String ENV_REGION = "FLOTILLA_S3_REGION";
    public static final String ENV_ACCESS_KEY = "FLOTILLA_S3_ACCESS_KEY";
    public static final String ENV_SECRET_KEY = "FLOTILLA_S3_SECRET_KEY";
    public static final String ENV_BUCKET = "FLOTILLA_S3_BUCKET";
    public static final String ENV_BUCKET_PREFIX = "FLOTILLA_S3_BUCKET_PREFIX";

    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final Pattern PREFIX = Pattern.compile("([A-Za-z0-9._-]+/)*");

    public S3Settings {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(accessKey, "accessKey");
        Objects.requireNonNull(secretKey, "secretKey");
        Objects.requireNonNull(spoolDir, "spoolDir");
        if (bucket == null || !BUCKET.matcher(bucket).matches()) {
            throw new IllegalArgumentException("invalid bucket name: " + bucket);
        }
        if (keyPrefix == null || !PREFIX.matcher(keyPrefix).matches()) {
            throw new IllegalArgumentException("key prefix must be empty or end in '/': " + keyPrefix);
        }
        if (partSize < MIN_PART_SIZE || partSize > MAX_PART_SIZE) {
            throw new IllegalArgumentException("part size must be between 5 MiB and 5 GiB: " + partSize);
        }
        if (memoryBuffer < 0 || memoryBuffer > partSize) {
            throw new IllegalArgumentException("memory buffer must be between 0 and the part size: " + memoryBuffer);
        }
        for (Duration d : new Duration[] {connectTimeout, socketTimeout, requestTimeout}) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("timeouts must be positive");
            }
        }
        if (maxAttempts < 1 || maxConnections < 1) {
            throw new IllegalArgumentException("maxAttempts and maxConnections must be at least 1");
        }
    }

    /** Settings with every tunable at its default: path-style, no key prefix, 64 MiB parts. */
    public static S3Settings of(URI endpoint, String region, String bucket, String accessKey, String secretKey) {
        return new S3Settings(endpoint, region, bucket, accessKey, secretKey, true, "", DEFAULT_PART_SIZE,
                (int) (16 * MIB), Path.of(System.getProperty("java.io.tmpdir")), Duration.ofSeconds(5),
                Duration.ofSeconds(30), Duration.ofSeconds(30), 3, 64);
    }

    /**
     * Settings from {@code FLOTILLA_S3_ENDPOINT}, {@code _REGION} (default us-east-1), {@code _ACCESS_KEY} and
     * {@code _SECRET_KEY}, for the given bucket.
     */
    public static S3Settings fromEnvironment(Map<String, String> env, String bucket) {
        return of(URI.create(required(env, ENV_ENDPOINT)), env.getOrDefault(ENV_REGION, "us-east-1"), bucket,
                required(env, ENV_ACCESS_KEY), required(env, ENV_SECRET_KEY));
    }

    public S3Settings withBucket(String newBucket) {
        return new S3Settings(endpoint, region, newBucket, accessKey, secretKey, pathStyle, keyPrefix, partSize,
                memoryBuffer, spoolDir, connectTimeout, socketTimeout, requestTimeout, maxAttempts, maxConnections);
    }

    public S3Settings withKeyPrefix(String newPrefix) {
        return new S3Settings(endpoint, region, bucket, accessKey, secretKey, pathStyle, newPrefix, partSize,
                memoryBuffer, spoolDir, connectTimeout, socketTimeout, requestTimeout, maxAttempts, maxConnections);
    }

    /** The part size and the heap share of a part, which may not exceed it. */
    public S3Settings withParts(long newPartSize, int newMemoryBuffer, Path newSpoolDir) {
        return new S3Settings(endpoint, region, bucket, accessKey, secretKey, pathStyle, keyPrefix, newPartSize,
                newMemoryBuffer, newSpoolDir, connectTimeout, socketTimeout, requestTimeout, maxAttempts,
                maxConnections);
    }

    public S3Settings withTimeouts(Duration connect, Duration socket, Duration request, int attempts) {
        return new S3Settings(endpoint, region, bucket, accessKey, secretKey, pathStyle, keyPrefix, partSize,
                memoryBuffer, spoolDir, connect, socket, request, attempts, maxConnections);
    }

    /** Everything but the secret key. */
    @Override
    public String toString() {
        return "S3Settings[endpoint=" + endpoint + ", region=" + region + ", bucket=" + bucket
                + ", accessKey=" + accessKey + ", pathStyle=" + pathStyle + ", keyPrefix=" + keyPrefix
                + ", partSize=" + partSize + ", memoryBuffer=" + memoryBuffer + ", spoolDir=" + spoolDir
                + ", connectTimeout=" + connectTimeout + ", socketTimeout=" + socketTimeout
                + ", requestTimeout=" + requestTimeout + ", maxAttempts=" + maxAttempts
                + ", maxConnections=" + maxConnections + "]";
    }

    private static String required(Map<String, String> env, String name) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is not set; `deploy/local/services.sh env ceph` prints it");
        }
        return value;
    }
}
