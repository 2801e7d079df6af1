package io.flotilla.node.outage;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The parts of {@code deploy/local/services.sh} the outage tests drive: find a daemon, kill it, start it again. */
final class Services {
    private Services() {
    }

    /** The OSD's pid: services/ceph.sh keeps pid files in run/ beside the conf file it reports. */
    static String cephOsdPid() throws Exception {
        Path conf = Path.of(System.getenv("FLOTILLA_CEPH_CONF"));
        return Files.readString(conf.resolveSibling("run").resolve("osd.0.pid")).trim();
    }

    /** The first Cassandra node's pid, from services/cassandra.sh's state folder. */
    static String cassandraPid() throws Exception {
        String dir = System.getenv().getOrDefault("FLOTILLA_SERVICES_DIR",
                System.getenv().getOrDefault("TMPDIR", "/tmp") + "/flotilla-services");
        return Files.readString(Path.of(dir, "cassandra", "node1", "pid")).trim();
    }

    static void kill(String pid) throws Exception {
        run("kill", "-9", pid);
    }

    /** Starts the service again on its existing state (up restarts daemons that died). */
    static void up(String service) throws Exception {
        run(Path.of("..", "deploy", "local", "services.sh").toString(), "up", service);
    }

    private static void run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), () -> String.join(" ", command) + " failed:\n" + output);
    }
}
