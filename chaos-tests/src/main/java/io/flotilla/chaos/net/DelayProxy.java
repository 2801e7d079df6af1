package io.flotilla.chaos.net;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP proxy on 127.0.0.1 that forwards every connection to one target and can hold the bytes for a while
 * in each direction: a slow link or an overloaded host, made in userspace because this kernel has no netem.
 * The delay can be changed at any time ({@link #delay(Duration)}); it applies to bytes read from then on, and
 * order is kept, so turning it off lets the bytes already held drain first. With no delay it only copies.
 *
 * <p>A connection the target refuses is closed at once: the proxy accepted it already (the kernel does), so
 * the client sees a connection closed before any answer rather than a refused one.
 */
public final class DelayProxy implements AutoCloseable {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);

    private final InetSocketAddress target;
    private final ServerSocket server;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private volatile long delayNanos;

    /** Listens on a free port of 127.0.0.1 and forwards to {@code target}. */
    public DelayProxy(InetSocketAddress target) {
        this.target = target;
        try {
            this.server = new ServerSocket(0, 128, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException("no port for a proxy to " + target, e);
        }
        Thread.ofVirtual().name("delay-proxy-accept-" + port()).start(this::acceptLoop);
    }

    public int port() {
        return server.getLocalPort();
    }

    public InetSocketAddress target() {
        return target;
    }

    /** From now on, holds each byte read for {@code delay} before forwarding it (zero: no delay). */
    public void delay(Duration delay) {
        if (delay.isNegative()) {
            throw new IllegalArgumentException("a delay is not negative: " + delay);
        }
        delayNanos = delay.toNanos();
    }

    public Duration delay() {
        return Duration.ofNanos(delayNanos);
    }

    long delayNanos() {
        return delayNanos;
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                return;  // closed
            }
            Thread.ofVirtual().start(() -> connect(client));
        }
    }

    private void connect(Socket client) {
        Socket upstream = new Socket();
        sockets.add(client);
        sockets.add(upstream);
        try {
            client.setTcpNoDelay(true);
            upstream.setTcpNoDelay(true);
            upstream.connect(target, (int) CONNECT_TIMEOUT.toMillis());
        } catch (IOException e) {
            close(client, upstream);
            return;
        }
        Runnable closeBoth = () -> close(client, upstream);
        // Both directions half-closed: nothing more can flow, so the sockets are released.
        java.util.concurrent.atomic.AtomicInteger ended = new java.util.concurrent.atomic.AtomicInteger();
        Runnable finished = () -> {
            if (ended.incrementAndGet() == 2) {
                closeBoth.run();
            }
        };
        DelayedPipe.start(client, upstream, this::delayNanos, closeBoth, finished);
        DelayedPipe.start(upstream, client, this::delayNanos, closeBoth, finished);
    }

    private void close(Socket... pair) {
        for (Socket s : pair) {
            sockets.remove(s);
            try {
                s.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }

    /** Stops listening and closes every connection. */
    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        sockets.forEach(s -> close(s));
    }
}
