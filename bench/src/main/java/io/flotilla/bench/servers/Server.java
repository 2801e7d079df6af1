package io.flotilla.bench.servers;

import java.net.URI;
import java.nio.file.Path;

/**
 * A server the bench started and {@link io.flotilla.bench.sys.Processes} will stop.
 *
 * @param name     the contestant's name
 * @param base     its base URL, such as {@code http://127.0.0.1:41234}
 * @param home     its scratch folder (config, data, server.log)
 * @param process  the process, whose tree is stopped at the end
 */
public record Server(String name, URI base, Path home, Process process) {

    public Path log() {
        return home.resolve("server.log");
    }

    static URI local(int port) {
        return URI.create("http://127.0.0.1:" + port);
    }
}
