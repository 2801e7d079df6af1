package io.flotilla.bench.servers;

import io.flotilla.bench.report.Contestants;
import io.flotilla.bench.sys.Command;
import io.flotilla.bench.sys.FreePort;
import io.flotilla.bench.sys.Log;
import io.flotilla.bench.sys.Processes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * One Flotilla node on its embedded defaults (SQLite metadata, blobs in local files): {@code ./flotilla run}.
 * Access control is on, as by default, with the bench's admin password; or off, to measure what it costs.
 */
public final class FlotillaServer {
    /** ./flotilla run builds first when its sources changed; the bench's launcher has built already. */
    private static final Duration START_TIMEOUT = Duration.ofMinutes(5);

    private FlotillaServer() {
    }

    /**
     * Starts the node from the repository at {@code root}, data under {@code home}, its admin created with
     * {@code adminPassword}; with {@code auth} false, access control (and so the audit log) is off
     * ({@code FLOTILLA_AUTH_ENABLED=false}). With {@code jfr} set, the node records a profile (JFR,
     * settings=profile) into that file, written when it stops.
     */
    public static Server start(Processes processes, Path root, Path home, String adminPassword, boolean auth,
                               Path jfr) throws IOException {
        Files.createDirectories(home);
        int port = FreePort.pick();
        Command command = Command.of(root.resolve("flotilla").toString(), "run", "--port", Integer.toString(port),
                        "--data", home.resolve("data").toString())
                .in(root)
                // Embedded defaults whatever the caller exported (CI exports the services' FLOTILLA_* settings).
                .without("FLOTILLA_")
                // Only how fast it stops at the end: no grace period for balancers, there are none.
                .with("FLOTILLA_SERVER_PRE_STOP_DELAY_SECONDS", "0")
                .with("FLOTILLA_ADMIN_PASSWORD", adminPassword)
                .with("FLOTILLA_AUTH_ENABLED", Boolean.toString(auth));
        if (jfr != null) {
            command = command.with("FLOTILLA_JAVA_OPTS",
                    "-XX:StartFlightRecording=filename=" + jfr + ",settings=profile,dumponexit=true");
        }
        Log.info("flotilla: starting ./flotilla run on 127.0.0.1:" + port + (auth ? "" : ", access control off")
                + (jfr != null ? ", recording " + jfr : ""));
        Path log = home.resolve("server.log");
        Process process = processes.start(command, log);
        Server server = new Server(Contestants.FLOTILLA, Server.local(port), home, process);
        HttpWait.until(server.name(), server.base().resolve("/v2/"), process, log, START_TIMEOUT);
        return server;
    }
}
