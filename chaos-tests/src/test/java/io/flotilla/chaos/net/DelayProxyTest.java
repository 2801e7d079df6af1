package io.flotilla.chaos.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DelayProxyTest {

    private ServerSocket echo;
    private DelayProxy proxy;

    /** An echo server on loopback: sends back every byte, and closes once the client's end of stream came. */
    @BeforeEach
    void startEcho() throws IOException {
        echo = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(() -> {
            while (!echo.isClosed()) {
                try {
                    Socket s = echo.accept();
                    Thread.ofVirtual().start(() -> {
                        try (s) {
                            s.getInputStream().transferTo(s.getOutputStream());
                        } catch (IOException ignored) {
                            // the test closed it
                        }
                    });
                } catch (IOException e) {
                    return;
                }
            }
        });
        proxy = new DelayProxy(new InetSocketAddress(InetAddress.getLoopbackAddress(), echo.getLocalPort()));
    }

    @AfterEach
    void stop() throws IOException {
        proxy.close();
        echo.close();
    }

    /** Milliseconds from writing {@code message} through the proxy to reading all of it back. */
    private static long roundTripMillis(Socket s, byte[] message) throws IOException {
        long t = System.nanoTime();
        s.getOutputStream().write(message);
        s.getOutputStream().flush();
        byte[] back = s.getInputStream().readNBytes(message.length);
        long ms = (System.nanoTime() - t) / 1_000_000;
        assertArrayEquals(message, back);
        return ms;
    }

    private Socket connect() throws IOException {
        Socket s = new Socket(InetAddress.getLoopbackAddress(), proxy.port());
        s.setSoTimeout(10_000);
        return s;
    }

    @Test
    void delaysEachDirectionAndCanBeTurnedOffAtRunTime() throws IOException {
        try (Socket s = connect()) {
            long fast = roundTripMillis(s, "warm".getBytes());
            proxy.delay(Duration.ofMillis(300));
            long slow = roundTripMillis(s, "slow".getBytes());
            // 300 ms there and 300 ms back: at least 600 ms, and not much more on an idle loopback.
            assertTrue(slow >= 600, "round trip with 300 ms each way took only " + slow + " ms");
            assertTrue(slow < 3_000, "round trip with 300 ms each way took " + slow + " ms");
            proxy.delay(Duration.ZERO);
            long again = roundTripMillis(s, "fast".getBytes());
            assertTrue(again < 300, "round trip after the delay was removed took " + again + " ms (first " + fast + ")");
        }
    }

    @Test
    void keepsOrderAndContentOfALargeStream() throws IOException {
        byte[] data = new byte[3 * 1024 * 1024];
        new java.util.SplittableRandom(7).nextBytes(data);
        proxy.delay(Duration.ofMillis(20));
        try (Socket s = connect()) {
            Thread writer = Thread.ofVirtual().start(() -> {
                try {
                    OutputStream out = s.getOutputStream();
                    out.write(data);
                    s.shutdownOutput();
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            });
            InputStream in = s.getInputStream();
            byte[] back = in.readAllBytes();  // ends only when the echo server's close came through the proxy
            assertArrayEquals(data, back);
            assertEquals(-1, in.read());
            writer.interrupt();
        }
    }

    @Test
    void aRefusedTargetClosesTheClientsConnection() throws IOException {
        echo.close();
        try (Socket s = connect()) {
            // Accepted by the proxy, then closed when the target refuses: end of stream or a reset, no data.
            int first;
            try {
                first = s.getInputStream().read();
            } catch (IOException reset) {
                first = -1;
            }
            assertEquals(-1, first);
        }
    }

    @Test
    void refusesANegativeDelay() {
        assertThrows(IllegalArgumentException.class, () -> proxy.delay(Duration.ofMillis(-1)));
    }
}
