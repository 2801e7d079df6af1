package io.flotilla.bench.gc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flotilla.bench.sys.Command;
import io.flotilla.bench.sys.Processes;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * An S3 bucket on RGW, read with radosgw-admin: {@code bucket stats} for the object count (kept in the bucket
 * index, one call whatever the size) and {@code bucket list} for what remains. A small object written with one
 * PutObject has the MD5 of its bytes as its ETag, so a seeded blob is recognised by content in the listing.
 */
final class RgwBucketProbe implements BlobStoreProbe {
    /** A listing longer than this (about 1 KB of JSON an entry) is not read: the count must do. */
    static final int LIST_LIMIT = 20_000;
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
        JsonNode usage = json(admin("bucket", "stats", "--bucket=" + bucket)).path("usage");
        long n = 0;
        for (JsonNode category : usage) {  // rgw.main, rgw.multimeta, ...
            n += category.path("num_objects").asLong(0);
        }
        return OptionalLong.of(n);
    }

    @Override
    public List<String> examples(int n) {
        List<String> names = new ArrayList<>();
        for (JsonNode entry : list(n)) {
            names.add(entry.path("name").asText());
        }
        return names;
    }

    @Override
    public Optional<List<Integer>> holding(List<byte[]> contents) {
        OptionalLong count = objects();
        if (count.isEmpty() || count.getAsLong() > LIST_LIMIT) {
            return Optional.empty();
        }
        Set<String> etags = new HashSet<>();
        for (JsonNode entry : list(LIST_LIMIT)) {
            // radosgw-admin prints booleans of the index as strings ("true").
            if (entry.path("exists").asBoolean(true)) {
                etags.add(entry.path("meta").path("etag").asText().replace("\"", ""));
            }
        }
        return Optional.of(IntStream.range(0, contents.size()).filter(i -> etags.contains(md5(contents.get(i))))
                .boxed().toList());
    }

    private JsonNode list(int max) {
        return json(admin("bucket", "list", "--bucket=" + bucket, "--max-entries=" + max));
    }

    private String admin(String... args) {
        List<String> argv = new ArrayList<>(List.of("radosgw-admin", "-c", cephConf));
        argv.addAll(List.of(args));
        return processes.run(Command.of(argv), TIMEOUT).check().stdout();
    }

    static String md5(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has MD5", e);
        }
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
