package io.flotilla.bench.gc;

import io.flotilla.bench.sys.Log;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
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
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Seeds blobs as fast as the nodes take them: monolithic uploads ({@code POST /v2/<repo>/blobs/uploads/?digest=}
 * with the whole body, answered 201) from a fixed number of keep-alive connections spread round robin over the
 * nodes, each sending its next blob as soon as the previous answer arrives. A refused blob is tried again (on
 * whichever connection is free) up to a limit; a lost connection is replaced. Netty, as the HEAD load client,
 * so that the client's own cost stays small on a box the cluster shares.
 */
public final class BlobSeeder {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(10);

    private final List<URI> nodes;
    private final List<String> repositories;
    private final String authorization;
    private final int connections;
    private final int maxAttempts;

    /**
     * @param nodes         each node's base URL ({@code http://host:port})
     * @param repositories  blob i goes to repository i mod their count, spreading the rows over partitions
     * @param authorization the Authorization header value, or null for none
     */
    public BlobSeeder(List<URI> nodes, List<String> repositories, String authorization, int connections,
                      int maxAttempts) {
        if (nodes.isEmpty() || repositories.isEmpty() || connections < 1 || maxAttempts < 1) {
            throw new IllegalArgumentException("a seeder needs nodes, repositories, connections and attempts");
        }
        this.nodes = List.copyOf(nodes);
        this.repositories = List.copyOf(repositories);
        this.authorization = authorization;
        this.connections = connections;
        this.maxAttempts = maxAttempts;
    }

    public SeedResult seed(SeedBlobs blobs, Duration timeout) {
        Run run = new Run(blobs);
        EventLoopGroup group = new NioEventLoopGroup(1);
        try {
            run.bootstrap = new Bootstrap().group(group).channel(NioSocketChannel.class)
                    .option(ChannelOption.TCP_NODELAY, true)
                    .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) CONNECT_TIMEOUT.toMillis());
            run.started = System.nanoTime();
            for (int i = 0; i < connections; i++) {
                run.connect(i % nodes.size());
            }
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!run.done.await(PROGRESS_EVERY.toMillis(), TimeUnit.MILLISECONDS)) {
                run.progress();
                if (System.nanoTime() > deadline) {
                    run.firstError.compareAndSet("", "seeding did not finish within " + timeout.toSeconds() + " s");
                    break;
                }
            }
            return run.result();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while seeding", e);
        } finally {
            run.stopping = true;
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
        }
    }

    /** The shared state of one seeding run. */
    private final class Run {
        final SeedBlobs blobs;
        final String[] digests;
        final AtomicLong next = new AtomicLong();
        final ConcurrentLinkedQueue<Long> retries = new ConcurrentLinkedQueue<>();
        final AtomicIntegerArray attempts;
        final LongAdder seeded = new LongAdder();
        final LongAdder failed = new LongAdder();
        final LongAdder refusals = new LongAdder();
        final AtomicLongArray perNode = new AtomicLongArray(nodes.size());
        final Recorder latencies = new Recorder(3);
        final Histogram all = new Histogram(3);
        final AtomicReference<String> firstError = new AtomicReference<>("");
        final CountDownLatch done = new CountDownLatch(connections);
        /** Replacements for lost connections, so a flapping node cannot make the seeder loop for ever. */
        final AtomicInteger reconnects = new AtomicInteger(connections * 4);
        volatile long lastCommit;
        volatile long lastAnswer;
        volatile boolean stopping;
        long started;
        long lastProgressCount;
        long lastProgressAt;
        Bootstrap bootstrap;

        Run(SeedBlobs blobs) {
            if (blobs.count() > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("too many blobs for one run: " + blobs.count());
            }
            this.blobs = blobs;
            this.digests = new String[(int) blobs.count()];
            this.attempts = new AtomicIntegerArray((int) blobs.count());
        }

        void connect(int node) {
            URI base = nodes.get(node);
            bootstrap.clone().handler(new ChannelInitializer<SocketChannel>() {
                @Override
                protected void initChannel(SocketChannel ch) {
                    ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(1 << 16),
                            new Loop(Run.this, node, base));
                }
            }).connect(base.getHost(), base.getPort()).addListener((ChannelFutureListener) f -> {
                if (!f.isSuccess()) {
                    error("cannot connect to " + base + ": " + f.cause());
                    lostConnection(node);
                }
            });
        }

        /** The next blob to send: a retry first, else a new one; -1 when there is none. */
        long take() {
            Long retry = retries.poll();
            if (retry != null) {
                return retry;
            }
            long i = next.getAndIncrement();
            return i < blobs.count() ? i : -1;
        }

        void committed(long index, int node, String digest, long sentAt) {
            long now = System.nanoTime();
            digests[(int) index] = digest;
            seeded.increment();
            perNode.incrementAndGet(node);
            latencies.recordValue(Math.max(1, (now - sentAt) / 1000));
            lastCommit = now;
            lastAnswer = now;
        }

        void refused(long index, String why) {
            lastAnswer = System.nanoTime();
            refusals.increment();
            error(why);
            if (attempts.incrementAndGet((int) index) < maxAttempts) {
                retries.add(index);
            } else {
                failed.increment();
            }
        }

        void error(String why) {
            firstError.compareAndSet("", why);
        }

        /** A connection is gone: a replacement to the same node while the budget lasts, else one fewer. */
        void lostConnection(int node) {
            if (!stopping && reconnects.getAndDecrement() > 0 && (next.get() < blobs.count() || !retries.isEmpty())) {
                connect(node);
            } else {
                done.countDown();
            }
        }

        synchronized void progress() {
            long now = System.nanoTime();
            long n = seeded.sum();
            long since = lastProgressAt == 0 ? started : lastProgressAt;
            double rate = (n - lastProgressCount) / ((now - since) / 1e9);
            Log.info(String.format(Locale.ROOT, "seeded %d of %d (%.0f/s over the last %.0f s; %d failed)", n,
                    blobs.count(), rate, (now - since) / 1e9, failed.sum()));
            lastProgressCount = n;
            lastProgressAt = now;
        }

        SeedResult result() {
            all.add(latencies.getIntervalHistogram());
            long n = seeded.sum();
            // Blobs never answered (a timeout, connections lost for good) count as failed too.
            long unanswered = blobs.count() - n - failed.sum();
            List<Long> counts = new ArrayList<>();
            for (int i = 0; i < perNode.length(); i++) {
                counts.add(perNode.get(i));
            }
            double seconds = ((lastAnswer == 0 ? System.nanoTime() : lastAnswer) - started) / 1e9;
            return new SeedResult(n, failed.sum() + unanswered, refusals.sum(), seconds, all.getValueAtPercentile(50) / 1000.0,
                    all.getValueAtPercentile(99) / 1000.0, lastCommit, counts, firstError.get(), digests.clone());
        }
    }

    /** One connection's loop: send a blob, wait for the answer, send the next. */
    private final class Loop extends SimpleChannelInboundHandler<FullHttpResponse> {
        private final Run run;
        private final int node;
        private final String host;
        private long current = -1;
        private String currentDigest;
        private long sentAt;
        private boolean finished;

        Loop(Run run, int node, URI base) {
            this.run = run;
            this.node = node;
            this.host = base.getHost() + ":" + base.getPort();
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) throws Exception {
            sendNext(ctx);
            super.channelActive(ctx);
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse response) {
            long index = current;
            current = -1;
            if (index >= 0) {
                if (response.status().code() == 201) {
                    run.committed(index, node, currentDigest, sentAt);
                } else {
                    String body = response.content().toString(StandardCharsets.UTF_8);
                    run.refused(index, "node " + host + " answered " + response.status().code() + " to a blob upload: "
                            + (body.length() > 300 ? body.substring(0, 300) + "..." : body));
                }
            }
            if (!HttpUtil.isKeepAlive(response)) {
                ctx.close();  // channelInactive replaces it
            } else {
                sendNext(ctx);
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) throws Exception {
            if (!finished) {
                finished = true;
                if (current >= 0) {
                    run.refused(current, "lost the connection to " + host + " during an upload");
                    current = -1;
                }
                run.lostConnection(node);
            }
            super.channelInactive(ctx);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            run.error("connection to " + host + ": " + cause);
            ctx.close();
        }

        private void sendNext(ChannelHandlerContext ctx) {
            long index = run.stopping ? -1 : run.take();
            if (index < 0) {
                finished = true;
                run.done.countDown();
                ctx.close();
                return;
            }
            byte[] body = run.blobs.content(index);
            String digest = SeedBlobs.digest(body);
            String repo = repositories.get((int) (index % repositories.size()));
            FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST,
                    "/v2/" + repo + "/blobs/uploads/?digest=" + digest, Unpooled.wrappedBuffer(body));
            request.headers().set(HttpHeaderNames.HOST, host);
            request.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/octet-stream");
            request.headers().set(HttpHeaderNames.CONTENT_LENGTH, body.length);
            if (authorization != null) {
                request.headers().set(HttpHeaderNames.AUTHORIZATION, authorization);
            }
            current = index;
            currentDigest = digest;
            sentAt = System.nanoTime();
            ctx.writeAndFlush(request).addListener(ChannelFutureListener.FIRE_EXCEPTION_ON_FAILURE);
        }
    }
}
