package io.flotilla.chaos.cluster;

import io.flotilla.chaos.client.Descriptor;
import io.flotilla.chaos.client.ImageManifest;
import io.flotilla.chaos.client.OciClient;
import io.flotilla.chaos.client.OciResponse;
import io.flotilla.chaos.client.Retry;
import io.flotilla.chaos.generator.SeededContent;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Predicate;

/**
 * One client of the continuous workload, through the balancer: it pushes a 1-8 MiB blob in 1 MiB PATCHes
 * (round robin puts them on different nodes), a config and a manifest, moves a tag shared with another
 * worker, and pulls the tag and a blob back. Every step goes through {@link Retry}; a step that still fails
 * ends its round. Wrong answers (bytes, digests, a tag naming what nobody sent it) go to the {@link Ledger}.
 */
final class TrafficWorker implements Runnable {

    private static final int CHUNK = 1024 * 1024;
    private static final String REPO = "chaos/gridcut";

    private final OciClient client;
    private final URI endpoint;
    private final Retry retry;
    private final Ledger ledger;
    private final AtomicBoolean stop;
    private final LongAdder ops;
    private final int id;
    private final SplittableRandom random;

    TrafficWorker(int id, OciClient client, URI endpoint, Retry retry, Ledger ledger, AtomicBoolean stop, LongAdder ops) {
        this.id = id;
        this.client = client;
        this.endpoint = endpoint;
        this.retry = retry;
        this.ledger = ledger;
        this.stop = stop;
        this.ops = ops;
        this.random = new SplittableRandom(1000 + id);
    }

    static String repo() {
        return REPO;
    }

    @Override
    public void run() {
        for (int round = 0; !stop.get(); round++) {
            try {
                round(round);
            } catch (Retry.RetriesExhaustedException e) {
                // Counted by Retry as a failure; the next round starts afresh.
                System.err.println("worker " + id + " round " + round + ": " + e);
            }
        }
    }

    private void round(int round) {
        String label = "w" + id + "-r" + round;
        SeededContent layer = new SeededContent(id * 100_000L + round, random.nextLong(CHUNK, 8L * CHUNK + 1));
        Optional<String> layerDigest = pushChunked(layer);
        byte[] config = ImageManifest.config(label);
        Optional<String> configDigest = layerDigest.flatMap(d -> pushWhole(config));
        if (configDigest.isEmpty()) {
            return;
        }
        byte[] manifest = ImageManifest.of(Descriptor.of(Descriptor.CONFIG, config),
                List.of(new Descriptor(Descriptor.LAYER, layerDigest.get(), layer.size())));
        String manifestDigest = SeededContent.sha256(new ByteArrayInputStream(manifest));
        String tag = "tag-" + (id % 2);
        ledger.sentToTag(tag, manifestDigest);
        OciResponse tagged = op(() -> client.pushManifest(endpoint, REPO, tag, manifest, ImageManifest.MEDIA_TYPE),
                r -> r.status() != 201);
        if (tagged.status() != 201) {
            return;
        }
        pullTag(tag);
        pullBlob();
    }

    /** POST, 1 MiB PATCHes, PUT; the digest once a PUT acknowledged it. */
    private Optional<String> pushChunked(SeededContent content) {
        OciResponse started = op(() -> client.startUpload(endpoint, REPO), r -> r.status() != 202);
        if (started.status() != 202) {
            return Optional.empty();
        }
        Upload upload = new Upload(started.location(endpoint));
        while (upload.offset < content.size()) {
            OciResponse patched = op(() -> upload.patch(content), r -> r.status() != 202);
            if (patched.status() != 202) {
                return Optional.empty();
            }
        }
        OciResponse done = op(() -> upload.complete(content.digest()), r -> r.status() != 201);
        if (done.status() != 201) {
            return Optional.empty();
        }
        ledger.acknowledged(content.digest(), content.size());
        return Optional.of(content.digest());
    }

    private Optional<String> pushWhole(byte[] blob) {
        OciResponse pushed = op(() -> client.pushBlob(endpoint, REPO, blob), r -> r.status() != 201);
        if (pushed.status() != 201) {
            return Optional.empty();
        }
        String digest = pushed.dockerContentDigest().orElseThrow();
        ledger.acknowledged(digest, blob.length);
        return Optional.of(digest);
    }

    private void pullTag(String tag) {
        OciResponse got = op(() -> client.getManifest(endpoint, REPO, tag), r -> r.status() != 200);
        if (got.status() == 200) {
            String digest = SeededContent.sha256(new ByteArrayInputStream(got.body()));
            if (!ledger.wasSentTo(tag, digest)) {
                ledger.violation("GET " + tag + " answered " + digest + ", never sent to it");
            }
        }
    }

    private void pullBlob() {
        Map.Entry<String, Long> blob = ledger.anyBlob();
        OciResponse got = op(() -> client.getBlobDigest(endpoint, REPO, blob.getKey()), r -> r.status() != 200);
        if (got.status() == 200 && (!got.bodyDigest().equals(Optional.of(blob.getKey())) || got.bodyLength() != blob.getValue())) {
            ledger.violation("GET blob " + blob.getKey() + " answered " + got.bodyLength() + " bytes hashing to "
                    + got.bodyDigest().orElse("?"));
        }
    }

    private OciResponse op(Callable<OciResponse> attempt, Predicate<OciResponse> failed) {
        ops.increment();
        OciResponse last = retry.call(attempt, failed);
        if (failed.test(last)) {
            System.err.println("grid-cut: worker " + id + " gave up after retries: " + last);
        }
        return last;
    }

    /** One chunked upload's place: its URL and the offset the server last confirmed. */
    private final class Upload {
        private URI url;
        private long offset;
        private boolean putSent;

        Upload(URI url) {
            this.url = url;
        }

        /** The next chunk from where the server stands; a 416 moves there so the retry resends from it. */
        OciResponse patch(SeededContent content) {
            long from = offset;
            long length = Math.min(CHUNK, content.size() - from);
            OciResponse res = client.patch(url, from, length, () -> content.open(from, length));
            if (res.status() == 202) {
                offset = from + length;
                url = res.location(endpoint);
            } else if (res.status() == 416 && res.header("Range").isPresent()) {
                String range = res.header("Range").get();
                offset = Long.parseLong(range.substring(range.indexOf('-') + 1)) + 1;
            }
            return res;
        }

        /**
         * PUT ?digest=. A PUT whose answer was lost may have committed: a later attempt that finds the upload
         * gone counts as done if the blob is there, whole.
         */
        OciResponse complete(String digest) {
            OciResponse res = client.complete(url, digest, null);
            if (putSent && SpanningUpload.isUnknown(res)) {
                OciResponse head = client.headBlob(endpoint, REPO, digest);
                if (head.status() == 200) {
                    return new OciResponse(201, head.headers(), new byte[0], Optional.empty(), 0);
                }
            }
            putSent = true;
            return res;
        }
    }
}
