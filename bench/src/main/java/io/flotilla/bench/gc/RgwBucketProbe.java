package io.flotilla.bench.gc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flotilla.bench.sys.Command;
import io.flotilla.bench.sys.Processes;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;

/**
 * An S3 bucket on RGW, read with radosgw-admin: {@code bucket stats} for the object count (kept in the bucket
 * index, so it costs one call whatever the size), {@code bucket list} for the keys that remain.
 */
final class RgwBucketProbe implements BlobStoreProbe {
    /** Enough to hold every blob of a smoke run; a full run that left this many behind has failed anyway. */
    private static final int LIST_LIMIT = 20_000;
    private static final Duration TIMEOUT = Duration.ofMinutes(2);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Processes processes;
    private final String cephConf;
    private final String bucket;

    RgwBucketProbe(Processes processes, String cephConf, String bucket) {
        this.processes = processes;
        this.cephConf = cephConf;
        this.bucket = bucket;
    }

    @Override
    public String describe() {
        return "S3 bucket " + bucket + " on RGW (radosgw-admin)";
    }

    @Override
    public OptionalLong objects() {
        JsonNode stats = json(admin("bucket", "stats", "--bucket=" + bucket));
        JsonNode usage = stats.path("usage");
        long n = 0;
        for (JsonNode category : usage) {  // rgw.main, rgw.multimeta, ...
            n += category.path("num_objects").asLong(0);
        }
        return OptionalLong.of(n);
    }

    @Override
    public List<String> present(List<String> digests) {
        JsonNode listing = json(admin("bucket", "list", "--bucket=" + bucket, "--max-entries=" + LIST_LIMIT));
        Set<String> keys = new HashSet<>();
        for (JsonNode entry : listing) {
            if (entry.path("exists").asBoolean(true)) {
                keys.add(entry.path("name").asText());
            }
        }
        return digests.stream().filter(d -> keys.contains(BlobStoreProbe.blobKey(d))).toList();
    }

    private String admin(String... args) {
        List<String> argv = new ArrayList<>(List.of("radosgw-admin", "-c", cephConf));
        argv.addAll(List.of(args));
        return processes.run(Command.of(argv), TIMEOUT).check().stdout();
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new GcBenchException("radosgw-admin printed something that is not JSON: "
                    + text.substring(0, Math.min(200, text.length())), e);
        }
    }
}
