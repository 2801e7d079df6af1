package io.flotilla.bench.servers;

import io.flotilla.bench.report.Contestants;
import io.flotilla.bench.sys.Command;
import io.flotilla.bench.sys.FreePort;
import io.flotilla.bench.sys.Log;
import io.flotilla.bench.sys.Packages;
import io.flotilla.bench.sys.Processes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * nginx serving files from disk with sendfile: the ceiling of a pull on this box. It runs in the foreground as
 * the bench's child, with its config, pid file and temp folders in its scratch folder.
 */
public final class NginxServer {

    private NginxServer() {
    }

    /** Starts nginx serving the files in {@code home}/root (the caller puts them there). */
    public static Server start(Processes processes, Packages packages, Path home) throws IOException {
        Path program = packages.require("nginx", "nginx");
        Files.createDirectories(home.resolve("root"));
        Files.createDirectories(home.resolve("tmp"));
        int port = FreePort.pick();
        Path config = home.resolve("nginx.conf");
        // As root, nginx's workers would switch to nobody, who cannot read the scratch folder.
        String user = "root".equals(System.getProperty("user.name")) ? "user root;" : "";
        Files.writeString(config, """
                %s
                daemon off;
                master_process on;
                worker_processes auto;
                pid %s/nginx.pid;
                error_log %s/error.log warn;
                events { worker_connections 1024; }
                http {
                    access_log off;
                    sendfile on;
                    tcp_nopush on;
                    keepalive_requests 1000000;
                    default_type application/octet-stream;
                    client_body_temp_path %s/tmp/body;
                    proxy_temp_path %s/tmp/proxy;
                    fastcgi_temp_path %s/tmp/fastcgi;
                    uwsgi_temp_path %s/tmp/uwsgi;
                    scgi_temp_path %s/tmp/scgi;
                    server {
                        listen 127.0.0.1:%d;
                        root %s/root;
                        location / { }
                    }
                }
                """.formatted(user, home, home, home, home, home, home, home, port, home));
        Log.info("nginx: starting on 127.0.0.1:" + port + " (sendfile on)");
        Path log = home.resolve("server.log");
        Process process = processes.start(Command.of(program.toString(), "-p", home.toString(), "-e",
                home.resolve("error.log").toString(), "-c", config.toString()), log);
        Server server = new Server(Contestants.NGINX, Server.local(port), home, process);
        HttpWait.until(server.name(), server.base().resolve("/"), process, home.resolve("error.log"),
                Duration.ofSeconds(30));
        return server;
    }
}
