package io.flotilla.chaos.workload;

import io.flotilla.chaos.client.Descriptor;
import io.flotilla.chaos.client.ImageManifest;
import io.flotilla.chaos.client.OciClient;
import io.flotilla.chaos.client.OciResponse;
import io.flotilla.chaos.client.Retry;
import io.flotilla.chaos.generator.SeededContent;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.ExecutionException;

/**
 * Clients that keep pushing and pulling images through one endpoint until stopped. Each round a client pushes
 * a layer of a seeded random size, a config and a manifest by digest, moves its own tag to that manifest, and
 * pulls the tag and the layer back. Every operation goes through {@link Retry}; what still fails afterwards is
 * recorded, and so is everything acknowledged, so a test can check later that none of it was lost.
 */
public final class ImageWorkload implements AutoCloseable {

    private final OciClient client;
    private final URI endpoint;
    private final String repo;
    private final Retry retry;
    private final long minLayer;
    private final long maxLayer;
    private final long seed;
    private final ExecutorService pool;
    private final List<Future<?>> clients = new ArrayList<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final LongAdder operations = new LongAdder();
    private final List<String> failures = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, Long> layers = new ConcurrentHashMap<>();
    private final Map<String, String> tags = new ConcurrentHashMap<>();

    /** Starts {@code clientCount} clients whose layers are {@code minLayer} to {@code maxLayer} bytes. */
    public ImageWorkload(OciClient client, URI endpoint, String repo, Retry retry, int clientCount,
                         long minLayer, long maxLayer, long seed) {
        this.client = client;
        this.endpoint = endpoint;
        this.repo = repo;
        this.retry = retry;
        this.minLayer = minLayer;
        this.maxLayer = maxLayer;
        this.seed = seed;
        this.pool = Executors.newFixedThreadPool(clientCount);
        for (int c = 0; c < clientCount; c++) {
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
                failures.add("client crashed: " + e.getCause());
            }
        }
        pool.shutdown();
    }

    public long operations() {
        return operations.sum();
    }

    /** Operations that failed even after retries, and why. */
    public List<String> failures() {
        return List.copyOf(failures);
    }

    /** Every acknowledged layer: digest to size. */
    public Map<String, Long> layers() {
        return Map.copyOf(layers);
    }

    /** Each client's tag, and the digest of the manifest last acknowledged under it. */
    public Map<String, String> tags() {
        return Map.copyOf(tags);
    }

    private void run(int id) {
        SplittableRandom random = new SplittableRandom(seed + id);
        String tag = "client" + id;
        for (int round = 0; running.get(); round++) {
            String name = tag + "-" + round;
            SeededContent layer = new SeededContent(random.nextLong(), random.nextLong(minLayer, maxLayer + 1));
            byte[] layerBytes = layer.bytes();
            byte[] config = ImageManifest.config(name);
            byte[] manifest = ImageManifest.of(Descriptor.of(Descriptor.CONFIG, config),
                    List.of(new Descriptor(Descriptor.LAYER, layer.digest(), layer.size())));
            String manifestDigest = Descriptor.of(ImageManifest.MEDIA_TYPE, manifest).digest();
            if (!ok(name + " layer", 201, () -> client.pushBlob(endpoint, repo, layerBytes))) {
                continue;
            }
            layers.put(layer.digest(), layer.size());
            if (!ok(name + " config", 201, () -> client.pushBlob(endpoint, repo, config))
                    || !ok(name + " manifest", 201, () -> client.pushManifest(endpoint, repo, manifestDigest, manifest,
                    ImageManifest.MEDIA_TYPE))
                    || !ok(name + " tag", 201, () -> client.pushManifest(endpoint, repo, tag, manifest,
                    ImageManifest.MEDIA_TYPE))) {
                continue;
            }
            tags.put(tag, manifestDigest);
            OciResponse pulled = call(name + " pull tag", () -> client.getManifest(endpoint, repo, tag));
            if (pulled != null && !pulled.dockerContentDigest().equals(Optional.of(manifestDigest))) {
                failures.add(name + ": tag " + tag + " answered " + pulled.dockerContentDigest() + " right after "
                        + "it was moved to " + manifestDigest);
            }
            OciResponse blob = call(name + " pull layer", () -> client.getBlobDigest(endpoint, repo, layer.digest()));
            if (blob != null && !blob.bodyDigest().equals(Optional.of(layer.digest()))) {
                failures.add(name + ": layer " + layer.digest() + " read back as " + blob.bodyDigest());
            }
        }
    }

    private boolean ok(String what, int expected, Callable<OciResponse> op) {
        OciResponse res = call(what, op);
        if (res != null && res.status() != expected) {
            failures.add(what + ": " + res);
            return false;
        }
        return res != null;
    }

    /** The response of an operation that succeeded after retries; null (and a recorded failure) otherwise. */
    private OciResponse call(String what, Callable<OciResponse> op) {
        operations.increment();
        try {
            OciResponse res = retry.call(op, r -> r.status() >= 500);
            if (res.status() >= 500) {
                failures.add(what + ": " + res);
                return null;
            }
            return res;
        } catch (RuntimeException e) {
            failures.add(what + ": " + e);
            return null;
        }
    }
}
