package io.flotilla.storage.rados;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * How to reach the RADOS pool blobs live in.
 *
 * @param conf      a ceph.conf naming the monitors ({@code FLOTILLA_CEPH_CONF})
 * @param keyring   a keyring holding {@code user}'s key ({@code FLOTILLA_CEPH_KEYRING})
 * @param user      the cephx entity, e.g. {@code client.flotilla} ({@code FLOTILLA_CEPH_USER}, default client.admin)
 * @param pool      the pool ({@code FLOTILLA_RADOS_POOL})
 * @param namespace the namespace inside the pool, empty for the default one ({@code FLOTILLA_RADOS_NAMESPACE});
 *                  stores in different namespaces never see each other's objects
 * @param timeout   how long one operation, or connecting, may take before the store reports Ceph unavailable
 *                  ({@code FLOTILLA_RADOS_TIMEOUT_SECONDS}, default 15)
 */
public record RadosConfig(Path conf, Path keyring, String user, String pool, String namespace, Duration timeout) {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(15);

    public RadosConfig {
        Objects.requireNonNull(conf, "conf");
        Objects.requireNonNull(keyring, "keyring");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(pool, "pool");
        Objects.requireNonNull(namespace, "namespace");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
    }

    /** Reads the {@code FLOTILLA_*} variables that {@code deploy/local/services.sh env ceph} prints. */
    public static RadosConfig fromEnvironment(Map<String, String> env) {
        return new RadosConfig(
                Path.of(require(env, "FLOTILLA_CEPH_CONF")),
                Path.of(require(env, "FLOTILLA_CEPH_KEYRING")),
                env.getOrDefault("FLOTILLA_CEPH_USER", "client.admin"),
                require(env, "FLOTILLA_RADOS_POOL"),
                env.getOrDefault("FLOTILLA_RADOS_NAMESPACE", ""),
                env.containsKey("FLOTILLA_RADOS_TIMEOUT_SECONDS")
                        ? Duration.ofSeconds(Long.parseLong(env.get("FLOTILLA_RADOS_TIMEOUT_SECONDS")))
                        : DEFAULT_TIMEOUT);
    }

    public RadosConfig withNamespace(String namespace) {
        return new RadosConfig(conf, keyring, user, pool, namespace, timeout);
    }

    public RadosConfig withTimeout(Duration timeout) {
        return new RadosConfig(conf, keyring, user, pool, namespace, timeout);
    }

    private static String require(Map<String, String> env, String name) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is not set");
        }
        return value;
    }
}
