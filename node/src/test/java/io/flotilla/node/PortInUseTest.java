package io.flotilla.node;

import org.junit.jupiter.api.Test;

import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A node whose HTTP port is taken fails to start, rather than running with nothing listening. */
class PortInUseTest {

    @Test
    void aTakenPortFailsTheStart() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            UncheckedIOException failed = assertThrows(UncheckedIOException.class, () -> TestNode.start(Map.of(
                    "server.bind", "127.0.0.1", "server.port", Integer.toString(taken.getLocalPort()))));
            assertTrue(failed.getMessage().contains("did not start"), failed.getMessage());
        }
    }
}
