package io.flotilla.node.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfigLoaderTest {
    @TempDir
    Path dir;

    @Test
    void defaultsLoad() {
        FlotillaConfig c = new ConfigLoader().load();
        assertEquals(new FlotillaConfig.Server("127.0.0.1", 5000, "", 5, 20, 4194304), c.server());
        assertEquals(new FlotillaConfig.Storage("./data", "fs", "", "embedded"), c.storage());
        assertEquals(new FlotillaConfig.Cluster("flotilla", "", 0, List.of(), 1, "", 0, 1000, 5000, 10, 10, 2000),
                c.cluster());
        assertEquals(new FlotillaConfig.Uploads(86400, 300), c.uploads());
        assertEquals(4194304, c.limits().manifestMaxBytes());
        assertTrue(c.log().requests());
        assertEquals("127.0.0.1", c.clusterBind());
    }

    @Test
    void fileOverlaysDefaults() throws IOException {
        FlotillaConfig c = new ConfigLoader().file(yaml("""
                server:
                  port: 6000
                  public-url: https://registry.example
                cluster:
                  bind: 10.0.0.1
                  join: [a:5701, b:5701]
                """)).load();
        assertEquals(6000, c.server().port());
        assertEquals("https://registry.example", c.server().publicUrl());
        assertEquals("127.0.0.1", c.server().bind());
        assertEquals(List.of("a:5701", "b:5701"), c.cluster().join());
        assertEquals("10.0.0.1", c.clusterBind());
        assertEquals("flotilla", c.cluster().name());
    }

    @Test
    void emptyFileChangesNothing() throws IOException {
        assertEquals(new ConfigLoader().load(), new ConfigLoader().file(yaml("")).load());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            nope: 1                      | unknown configuration key nope
            server: {prot: 1}            | unknown configuration key server.prot
            cluster: {join: [], nme: x}  | unknown configuration key cluster.nme
            server: 5                    | server must be a mapping
            - a                          | must be a YAML mapping
            'server: [unclosed'          | cannot read configuration
            """)
    void badFilesAreErrorsNamingTheKey(String content, String message) throws IOException {
        Path file = yaml(content);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ConfigLoader().file(file));
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    @Test
    void environmentOverridesFile() throws IOException {
        FlotillaConfig c = new ConfigLoader()
                .file(yaml("server: {port: 6000}"))
                .environment(Map.of(
                        "FLOTILLA_SERVER_PORT", "6001",
                        "FLOTILLA_SERVER_PUBLIC_URL", "https://r.example",
                        "FLOTILLA_STORAGE_DATA_DIR", "/var/lib/flotilla",
                        "FLOTILLA_CLUSTER_JOIN", "a:1,b:2",
                        "FLOTILLA_CLUSTER_KUBERNETES_SERVICE_DNS", "flotilla-hs.registry.svc.cluster.local",
                        "FLOTILLA_UPLOADS_TTL_SECONDS", "60",
                        "FLOTILLA_LOG_REQUESTS", "false",
                        "PATH", "/usr/bin",
                        "SERVER_PORT", "1"))
                .load();
        assertEquals(6001, c.server().port());
        assertEquals("https://r.example", c.server().publicUrl());
        assertEquals(Path.of("/var/lib/flotilla"), c.storage().root());
        assertEquals(List.of("a:1", "b:2"), c.cluster().join());
        assertEquals("flotilla-hs.registry.svc.cluster.local", c.cluster().kubernetesServiceDns());
        assertEquals(60, c.uploads().ttlSeconds());
        assertEquals(false, c.log().requests());
    }

    @Test
    void splitBrainProtectionAndGridTimeoutComeFromTheEnvironment() {
        FlotillaConfig c = new ConfigLoader().environment(Map.of(
                "FLOTILLA_CLUSTER_MIN_MEMBERS", "2",
                "FLOTILLA_CLUSTER_GRID_CALL_TIMEOUT_MS", "1500")).load();
        assertEquals(2, c.cluster().minMembers());
        assertEquals(1500, c.cluster().gridCallTimeoutMs());
    }

    @Test
    void clusterTimingsLoadFromAFile() throws IOException {
        FlotillaConfig c = new ConfigLoader().file(yaml("""
                cluster:
                  heartbeat-interval-ms: 500
                  max-no-heartbeat-ms: 3000
                  merge-first-run-delay-seconds: 5
                  merge-interval-seconds: 7
                """)).load();
        assertEquals(500, c.cluster().heartbeatIntervalMs());
        assertEquals(3000, c.cluster().maxNoHeartbeatMs());
        assertEquals(5, c.cluster().mergeFirstRunDelaySeconds());
        assertEquals(7, c.cluster().mergeIntervalSeconds());
    }

    @ParameterizedTest
    @CsvSource(textBlock = """
            cluster.min-members,                    -1,    min-members
            cluster.heartbeat-interval-ms,          0,     heartbeat-interval-ms
            cluster.max-no-heartbeat-ms,            1000,  max-no-heartbeat-ms
            cluster.grid-call-timeout-ms,           0,     grid-call-timeout-ms
            cluster.merge-interval-seconds,         -5,    merge-interval-seconds
            """)
    void invalidClusterValuesAreRejected(String key, String value, String named) {
        ConfigLoader loader = new ConfigLoader().set(key, value);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, loader::load);
        assertTrue(e.getMessage().contains(named), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            ''              | ''
            a:1             | a:1
            ' a:1 , ,b:2 ,' | a:1,b:2
            """)
    void listsAreCommaSeparated(String value, String expected) {
        FlotillaConfig c = new ConfigLoader().environment(Map.of("FLOTILLA_CLUSTER_JOIN", value)).load();
        assertEquals(expected.isEmpty() ? List.of() : List.of(expected.split(",")), c.cluster().join());
    }

    @Test
    void unknownVariablesAreIgnoredWithAWarning() {
        List<LogRecord> records = new ArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                records.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger logger = Logger.getLogger(ConfigLoader.class.getName());
        logger.addHandler(handler);
        try {
            FlotillaConfig c = new ConfigLoader()
                    .environment(Map.of("FLOTILLA_SERVER_PROT", "1", "FLOTILLA_SERVER", "x", "OTHER_VAR", "y"))
                    .load();
            assertEquals(new ConfigLoader().load(), c);
        } finally {
            logger.removeHandler(handler);
        }
        List<String> warned = records.stream().map(LogRecord::getMessage).sorted().toList();
        assertEquals(2, warned.size(), warned.toString());
        assertTrue(warned.get(0).contains("FLOTILLA_SERVER:"), warned.get(0));
        assertTrue(warned.get(1).contains("FLOTILLA_SERVER_PROT:"), warned.get(1));
    }

    @Test
    void setOverridesEverything() {
        FlotillaConfig c = new ConfigLoader()
                .environment(Map.of("FLOTILLA_SERVER_PORT", "6001"))
                .set("server.port", "7000")
                .set("cluster.join", "x:1,y:2")
                .load();
        assertEquals(7000, c.server().port());
        assertEquals(List.of("x:1", "y:2"), c.cluster().join());
    }

    @ParameterizedTest
    @ValueSource(strings = {"nope", "server.prot", "server.port.x", "server..port", "", "server", "cluster"})
    void setRefusesWhatIsNotAKey(String key) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ConfigLoader().set(key, "1"));
        assertTrue(e.getMessage().contains(key), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource(textBlock = """
            server.port,                abc
            server.port,                1.5
            server.port,                99999999999
            uploads.ttl-seconds,        soon
            log.requests,               maybe
            cluster.backup-count,       one
            """)
    void wrongTypesAreClearErrors(String key, String value) {
        ConfigLoader loader = new ConfigLoader().set(key, value);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, loader::load);
        assertTrue(e.getMessage().contains(key), e.getMessage());
        assertTrue(e.getMessage().contains(value), e.getMessage());
    }

    @Test
    void wrongTypesInAFileAreClearErrors() throws IOException {
        ConfigLoader loader = new ConfigLoader().file(yaml("server: {port: [1]}"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, loader::load);
        assertTrue(e.getMessage().contains("server.port"), e.getMessage());
    }

    @Test
    void aMissingNumberIsAnErrorNotZero() throws IOException {
        ConfigLoader loader = new ConfigLoader().file(yaml("server:\n  port:\n"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, loader::load);
        assertTrue(e.getMessage().contains("server.port"), e.getMessage());
    }

    private Path yaml(String content) throws IOException {
        return Files.writeString(Files.createTempFile(dir, "flotilla-", ".yaml"), content);
    }
}
