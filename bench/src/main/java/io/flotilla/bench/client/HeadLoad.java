package io.flotilla.bench.client;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * HEAD load over HTTP/1.1 keep-alive: a fixed number of connections, each sending its next request as soon as
 * the previous answer arrives (a closed loop, as wrk runs), on Netty's HTTP codec, with every latency recorded
 * in an HdrHistogram.
 *
 * <p>Why not wrk: its parser waits for the body a HEAD response announces and never gets, so it completes no
 * request. Why not ab: it speaks HTTP/1.0, which Helidon 4.3.0 answers with 505. Why not java.net.http: on this
 * box it managed a tenth of wrk's rate against the same server, so it would have measured itself.
 */
public final class HeadLoad {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    private final int connections;
    private final int threads;

    public HeadLoad(int connections, int threads) {
        this.connections = connections;
        this.threads = threads;
    }

    /** Runs untimed for {@code warmup}, then measures for {@code duration}. */
    public LoadResult run(URI url, List<String> headers, Duration warmup, Duration duration) {
        EventLoopGroup group = new NioEventLoopGroup(threads);
        Tally tally = new Tally();
        try {
            Bootstrap bootstrap = new Bootstrap().group(group).channel(NioSocketChannel.class)
                    .option(ChannelOption.TCP_NODELAY, true)
                    .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) CONNECT_TIMEOUT.toMillis())
                    .handler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(1 << 16),
                                    new Loop(url, headers, tally));
                        }
                    });
            int port = url.getPort() > 0 ? url.getPort() : 80;
            List<Channel> open = new ArrayList<>();
            for (int i = 0; i < connections; i++) {
                ChannelFuture connected = bootstrap.connect(url.getHost(), port).awaitUninterruptibly();
                if (!connected.isSuccess()) {
                    throw new IllegalStateException("cannot connect to " + url.getHost() + ":" + port + ": "
                            + connected.cause().getMessage(), connected.cause());
                }
                open.add(connected.channel());
            }
            Thread.sleep(warmup.toMillis());
            tally.startWindow();
            Thread.sleep(duration.toMillis());
            LoadResult result = tally.endWindow();
            tally.stopping = true;
            for (Channel ch : open) {
                ch.close().await(5, TimeUnit.SECONDS);
            }
            return result;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during HEAD load on " + url, e);
        } finally {
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
        }
    }

    /** What all connections add up to; only answers inside the timed window count. */
    private static final class Tally {
        private final Recorder recorder = new Recorder(3);
        private final LongAdder completed = new LongAdder();
        private final LongAdder errorResponses = new LongAdder();
        private final LongAdder socketErrors = new LongAdder();
        private final AtomicReference<String> firstError = new AtomicReference<>("");
        private volatile boolean counting;
        private volatile boolean stopping;
        private long windowStart;

        void startWindow() {
            completed.reset();
            errorResponses.reset();
            recorder.reset();
            windowStart = System.nanoTime();
            counting = true;
        }

        LoadResult endWindow() {
            counting = false;
            double seconds = (System.nanoTime() - windowStart) / 1e9;
            Histogram h = recorder.getIntervalHistogram();
            long n = completed.sum();
            return new LoadResult(n / seconds, h.getValueAtPercentile(50) / 1000.0,
                    h.getValueAtPercentile(99) / 1000.0, n, errorResponses.sum(), socketErrors.sum(),
                    firstError.get());
        }

        void answered(int status, long nanos) {
            if (!counting) {
                return;
            }
            recorder.recordValue(Math.max(1, nanos / 1000));
            completed.increment();
            if (status >= 400) {
                errorResponses.increment();
            }
        }

        /** A lost connection is an error whenever it happens, warm-up included: it leaves fewer connections. */
        void failed(String why) {
            if (stopping) {
                return;
            }
            socketErrors.increment();
            firstError.compareAndSet("", why);
        }
    }

    /** One connection's loop: send, wait for the answer, record it, send again. */
    private static final class Loop extends SimpleChannelInboundHandler<FullHttpResponse> {
        private final String target;
        private final String host;
        private final List<String> headers;
        private final Tally tally;
        private long sentAt;
        /** One lost connection is one error, however many events (exception, close) report it. */
        private boolean lost;

        Loop(URI url, List<String> headers, Tally tally) {
            String query = url.getRawQuery();
            this.target = url.getRawPath() + (query == null ? "" : "?" + query);
            this.host = url.getHost() + (url.getPort() > 0 ? ":" + url.getPort() : "");
            this.headers = headers;
            this.tally = tally;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) throws Exception {
            send(ctx);
            super.channelActive(ctx);
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse response) {
            tally.answered(response.status().code(), System.nanoTime() - sentAt);
            if (!HttpUtil.isKeepAlive(response)) {
                lose(ctx, "the server ended a keep-alive connection");
            } else if (!tally.stopping) {
                send(ctx);
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) throws Exception {
            lose(ctx, "connection closed");
            super.channelInactive(ctx);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            lose(ctx, cause.toString());
        }

        private void lose(ChannelHandlerContext ctx, String why) {
            if (!lost) {
                lost = true;
                tally.failed(why);
            }
            ctx.close();
        }

        private void send(ChannelHandlerContext ctx) {
            FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.HEAD, target);
            request.headers().set(HttpHeaderNames.HOST, host);
            for (String h : headers) {
                int colon = h.indexOf(':');
                request.headers().add(h.substring(0, colon).strip(), h.substring(colon + 1).strip());
            }
            sentAt = System.nanoTime();
            ctx.writeAndFlush(request).addListener(ChannelFutureListener.FIRE_EXCEPTION_ON_FAILURE);
        }
    }
}
