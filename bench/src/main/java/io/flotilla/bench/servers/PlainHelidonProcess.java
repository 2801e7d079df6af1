package io.flotilla.bench.servers;

import io.flotilla.bench.plain.PlainHelidonServer;
import io.flotilla.bench.report.Contestants;
import io.flotilla.bench.sys.Command;
import io.flotilla.bench.sys.FreePort;
import io.flotilla.bench.sys.Log;
import io.flotilla.bench.sys.Processes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** {@link PlainHelidonServer} in a JVM of its own, on the bench's own Java and classpath. */
public final class PlainHelidonProcess {

    private PlainHelidonProcess() {
    }

    public static Server start(Processes processes, Path home) throws IOException {
        Files.createDirectories(home);
        int port = FreePort.pick();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Log.info("plain-helidon: starting PlainHelidonServer on 127.0.0.1:" + port);
        Path log = home.resolve("server.log");
        Process process = processes.start(Command.of(java, "-cp", System.getProperty("java.class.path"),
                PlainHelidonServer.class.getName(), Integer.toString(port), home.resolve("data").toString()), log);
        Server server = new Server(Contestants.PLAIN_HELIDON, Server.local(port), home, process);
        HttpWait.until(server.name(), server.base().resolve("/f"), process, log, Duration.ofSeconds(60));
        return server;
    }
}
