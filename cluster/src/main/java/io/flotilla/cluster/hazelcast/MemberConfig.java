package io.flotilla.cluster.hazelcast;

import com.hazelcast.config.Config;
import com.hazelcast.config.JavaSerializationFilterConfig;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.config.SplitBrainProtectionConfig;
import com.hazelcast.spi.properties.ClusterProperty;
import com.hazelcast.spi.properties.HazelcastProperty;
import com.hazelcast.splitbrainprotection.SplitBrainProtectionOn;
import io.flotilla.cluster.ClusterSettings;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Turns {@link ClusterSettings} into a member {@link Config}: network, join, timings and the maps. */
final class MemberConfig {

    private static final String WILDCARD = "0.0.0.0";
    /** The member attribute carrying the node's direct HTTP URL. */
    static final String HTTP_URL_ATTRIBUTE = "flotilla.http-url";
    /** The split-brain protection rule that the upload and lock maps follow. */
    static final String MIN_MEMBERS_RULE = "flotilla-min-members";

    private MemberConfig() {
    }

    static Config of(ClusterSettings settings) {
        Config config = new Config();
        config.setClusterName(settings.clusterName());
        // Unique, so several members (tests) can live in one JVM without sharing an instance.
        config.setInstanceName("flotilla-" + settings.clusterName() + "-" + UUID.randomUUID());
        network(config.getNetworkConfig(), config, settings);
        timings(config, settings);
        splitBrainProtection(config, settings);
        MapConfigs.addTo(config, settings);
        if (!settings.httpUrl().isEmpty()) {
            config.getMemberAttributeConfig().setAttribute(HTTP_URL_ATTRIBUTE, settings.httpUrl());
        }
        serialization(config);
        return config;
    }

    /**
     * Counts members: a side of a split with fewer than {@code minMembers} refuses reads and writes of the
     * protected maps, so two halves never both run the same locked work. Off at 0.
     */
    private static void splitBrainProtection(Config config, ClusterSettings settings) {
        if (settings.minMembers() > 0) {
            config.addSplitBrainProtectionConfig(new SplitBrainProtectionConfig(MIN_MEMBERS_RULE, true,
                    settings.minMembers()).setProtectOn(SplitBrainProtectionOn.READ_WRITE));
        }
    }

    /**
     * Hazelcast refuses Java-serialized classes outside its allow-list; ours are plain records of this
     * project and the JDK's collections and time types. The built-in deny-list of gadget classes stays.
     */
    private static void serialization(Config config) {
        JavaSerializationFilterConfig filter = new JavaSerializationFilterConfig();
        filter.getWhitelist().addPrefixes("io.flotilla.", "java.util.", "java.time.", "java.lang.");
        config.getSerializationConfig().setJavaSerializationFilterConfig(filter);
    }

    private static void network(NetworkConfig net, Config config, ClusterSettings settings) {
        // No auto-increment: a node binds the port it was given, or fails loudly.
        net.setPort(settings.port()).setPortAutoIncrement(false);
        String host = settings.bindHost();
        if (!WILDCARD.equals(host)) {
            // Listen on this address only: the grid has no authentication of its own.
            net.getInterfaces().setEnabled(true).addInterface(resolve(host));
            set(config, ClusterProperty.SOCKET_BIND_ANY, "false");
        }
        JoinConfig join = net.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        if (settings.kubernetesDiscovery()) {
            // Hazelcast's own Kubernetes discovery in DNS lookup mode: it resolves the headless service's
            // name with InetAddress.getAllByName on every join attempt and every split-brain merge check,
            // so pods that come later, or whose addresses change, are found without a restart, and no
            // Kubernetes API (nor its token) is needed. Each address is dialled at this member's port.
            join.getTcpIpConfig().setEnabled(false);
            join.getKubernetesConfig().setEnabled(true)
                    .setProperty("service-dns", settings.kubernetesServiceDns())
                    .setProperty("service-port", Integer.toString(settings.port()))
                    .setProperty("service-dns-timeout", "5");
        } else {
            join.getTcpIpConfig().setEnabled(true).setMembers(joinList(settings));
        }
    }

    /** The configured members plus this one, so every node can be started from the same list. */
    private static List<String> joinList(ClusterSettings settings) {
        List<String> members = new ArrayList<>(settings.members());
        if (settings.port() != 0 && !WILDCARD.equals(settings.bindHost())) {
            String self = settings.bindHost() + ":" + settings.port();
            if (!members.contains(self)) {
                members.add(self);
            }
        }
        return members;
    }

    private static void timings(Config config, ClusterSettings settings) {
        set(config, ClusterProperty.LOGGING_TYPE, "jdk");
        set(config, ClusterProperty.PHONE_HOME_ENABLED, "false");
        // The node decides when to leave (after draining), so no hook may shut the member down first.
        set(config, ClusterProperty.SHUTDOWNHOOK_ENABLED, "false");
        set(config, ClusterProperty.HEARTBEAT_INTERVAL_SECONDS, seconds(settings.heartbeatInterval()));
        set(config, ClusterProperty.MAX_NO_HEARTBEAT_SECONDS, seconds(settings.maxNoHeartbeat()));
        set(config, ClusterProperty.MERGE_FIRST_RUN_DELAY_SECONDS, seconds(settings.mergeFirstRunDelay()));
        set(config, ClusterProperty.MERGE_NEXT_RUN_DELAY_SECONDS, seconds(settings.mergeInterval()));
        set(config, ClusterProperty.GRACEFUL_SHUTDOWN_MAX_WAIT, seconds(settings.shutdownMaxWait()));
        // Send near-cache invalidations at once, not batched up to 10 s: another node's stale entry
        // should go within milliseconds of a write (the TTL only covers invalidations that are lost).
        set(config, ClusterProperty.MAP_INVALIDATION_MESSAGE_BATCH_ENABLED, "false");
    }

    private static void set(Config config, HazelcastProperty property, String value) {
        config.setProperty(property.getName(), value);
    }

    /** Whole seconds, rounded up and at least one, as the grid's properties take. */
    static String seconds(Duration d) {
        return Integer.toString(ceilSeconds(d));
    }

    static int ceilSeconds(Duration d) {
        long s = d.getSeconds() + (d.getNano() > 0 ? 1 : 0);
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, s));
    }

    private static String resolve(String host) {
        try {
            return InetAddress.getByName(host).getHostAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("cannot resolve cluster bind host " + host, e);
        }
    }
}
