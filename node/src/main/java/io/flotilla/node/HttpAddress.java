package io.flotilla.node;

import io.flotilla.node.config.FlotillaConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * The node's HTTP port and its direct URL, fixed before the node joins its cluster, because the member
 * advertises the URL when it joins and cannot change it later. Port 0 becomes a free port picked here
 * (another process could take it before the server binds it; then the start fails loudly). A wildcard
 * bind address is advertised as this host's address.
 */
record HttpAddress(int port, String url) {

    static HttpAddress of(FlotillaConfig.Server server) {
        try {
            InetAddress bind = InetAddress.getByName(server.bind());
            int port = server.port() == 0 ? freePort(bind) : server.port();
            InetAddress advertised = bind.isAnyLocalAddress() ? InetAddress.getLocalHost() : bind;
            String host = advertised.getHostAddress();
            return new HttpAddress(port, "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot settle the HTTP address " + server.bind(), e);
        }
    }

    private static int freePort(InetAddress bind) throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, bind)) {
            return probe.getLocalPort();
        }
    }
}
