package io.flotilla.chaos.workload;

import io.flotilla.chaos.client.Descriptor;
import io.flotilla.chaos.client.ImageManifest;
import io.flotilla.chaos.client.OciClient;
import io.flotilla.chaos.client.OciResponse;
import io.flotilla.chaos.client.Retry;
import io.flotilla.chaos.generator.SeededContent;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;

/**
 * Clients that keep pushing and pulling images through one endpoint until closed. Each round a client pushes
 * a layer of a seeded random size (whole, or in PATCHes, see {@link WorkloadSettings#chunk}), a config and a
 * manifest by digest, moves its tag to that manifest, and pulls the tag and the layer back. Every operation goes
 * through {@link Retry}, as a patient client's would; what is acknowledged, what still fails and every wrong
 * answer go to the {@link Ledger}, so a test can check that nothing acknowledged was lost ({@link #readBack}).
 */
public final class ImageWorkload implements AutoCloseable {

    /** Server errors and transport failures are worth a retry; a 4xx is an answer, so it is not. */
    private static final Predicate<OciResponse> SERVER_ERROR = r -> r.status() >= 500;
    /** A PATCH answered 416 has moved to the server's offset: retrying resends from there. */
    private static final Predicate<OciResponse> RESUMABLE = SERVER_ERROR.or(r -> r.status() == 416);

    private final OciClient client;
    private final URI endpoint;
    private final Retry retry;
    private final WorkloadSettings settings;
    private final Ledger ledger = new Ledger();
    private final ExecutorService pool;
    private final List<Future<?>> clients = new ArrayList<>();
    private final AtomicBoolean running = new AtomicBoolean(true);

    /** Starts the clients, every request of theirs to {@code endpoint}. */
    public ImageWorkload(OciClient client, URI endpoint, Retry retry, WorkloadSettings settings) {
        this.client = client;
        this.endpoint = endpoint;
        this.retry = retry;
        this.settings = settings;
        this.pool = Executors.newFixedThreadPool(settings.clients());
        for (int c = 0; c < settings.clients(); c++) {
            int id = c;
            clients.add(pool.submit(() -> run(id)));
        }
    }

    /** Stops the clients after their current round and waits for them. */
    @Override
    public void close() throws InterruptedException {
        running.set(false);
        for (Future<?> f : clients) {
            try {
                f.get();
            } catch (ExecutionException e) {
                ledger.failure("client crashed: " + e.getCause());
            }
        }
        pool.shutdown();
    }

    public Ledger ledger() {
        return ledger;
    }

    /** After the run: what is wrong with reading everything acknowledged back from {@code nodes}, if anything. */
    public List<String> readBack(List<URI> nodes) {
        return new ReadBack(client, settings.repo(), ledger, !settings.sharedTags()).check(nodes);
    }

    private void run(int id) {
        SplittableRandom random = new SplittableRandom(settings.seed() + id);
        String tag = settings.tag(id);
        for (int round = 0; running.get(); round++) {
            SeededContent layer = new SeededContent(random.nextLong(),
                    random.nextLong(settings.minLayer(), settings.maxLayer() + 1));
            round("client" + id + "-" + round, tag, layer);
        }
    }

    /** One image pushed and read back; a step that fails even after retries ends the round. */
    private void round(String name, String tag, SeededContent layer) {
        byte[] config = ImageManifest.config(name);
        byte[] manifest = ImageManifest.of(Descriptor.of(Descriptor.CONFIG, config),
                List.of(new Descriptor(Descriptor.LAYER, layer.digest(), layer.size())));
        String manifestDigest = Descriptor.of(ImageManifest.MEDIA_TYPE, manifest).digest();
        if (!pushLayer(name + " layer", layer) || !pushWhole(name + " config", config)
                || call(name + " manifest", 201, () -> client.pushManifest(endpoint, settings.repo(), manifestDigest,
                manifest, ImageManifest.MEDIA_TYPE), SERVER_ERROR) == null) {
            return;
        }
        ledger.sentToTag(tag, manifestDigest);
        if (call(name + " tag", 201, () -> client.pushManifest(endpoint, settings.repo(), tag, manifest,
                ImageManifest.MEDIA_TYPE), SERVER_ERROR) == null) {
            return;
        }
        ledger.tagAcknowledged(tag, manifestDigest);
        OciResponse pulled = call(name + " pull tag", 200, () -> client.getManifest(endpoint, settings.repo(), tag),
                SERVER_ERROR);
        if (pulled != null) {
            String digest = SeededContent.sha256(new ByteArrayInputStream(pulled.body()));
            ledger.tagReadProblem(tag, digest, !settings.sharedTags()).ifPresent(p -> ledger.violation(name + ": " + p));
        }
        OciResponse blob = call(name + " pull layer", 200,
                () -> client.getBlobDigest(endpoint, settings.repo(), layer.digest()), SERVER_ERROR);
        if (blob != null) {
            ledger.blobReadProblem(layer.digest(), blob.bodyDigest(), blob.bodyLength())
                    .ifPresent(p -> ledger.violation(name + ": " + p));
        }
    }

    private boolean pushLayer(String what, SeededContent layer) {
        return settings.monolithic(layer.size()) ? pushWhole(what, layer.bytes()) : pushChunked(what, layer);
    }

    private boolean pushWhole(String what, byte[] blob) {
        OciResponse pushed = call(what, 201, () -> client.pushBlob(endpoint, settings.repo(), blob), SERVER_ERROR);
        if (pushed != null) {
            ledger.blobAcknowledged(Descriptor.of(Descriptor.LAYER, blob).digest(), blob.length);
        }
        return pushed != null;
    }

    /** POST, PATCHes of {@link WorkloadSettings#chunk} bytes (through a balancer, on different nodes), PUT. */
    private boolean pushChunked(String what, SeededContent content) {
        OciResponse started = call(what + " start", 202, () -> client.startUpload(endpoint, settings.repo()),
                SERVER_ERROR);
        if (started == null) {
            return false;
        }
        ChunkedUpload upload = new ChunkedUpload(client, settings.repo(), content, started.location(endpoint));
        while (!upload.done()) {
            if (call(what + " PATCH at " + upload.offset(), 202, () -> upload.patch(endpoint, settings.chunk()),
                    RESUMABLE) == null) {
                return false;
            }
        }
        if (call(what + " PUT", 201, () -> upload.complete(endpoint), SERVER_ERROR) == null) {
            return false;
        }
        ledger.blobAcknowledged(content.digest(), content.size());
        return true;
    }

    /** The response, if {@code op} answered {@code expected} within its retries; else null, and a recorded failure. */
    private OciResponse call(String what, int expected, Callable<OciResponse> op, Predicate<OciResponse> retryIf) {
        long start = System.nanoTime();
        try {
            OciResponse res = retry.call(op, retryIf);
            if (res.status() == expected) {
                return res;
            }
            ledger.failure(what + ": " + res);
        } catch (RuntimeException e) {
            ledger.failure(what + ": " + e);
        } finally {
            ledger.operation(Duration.ofNanos(System.nanoTime() - start));
        }
        return null;
    }
}
