package io.flotilla.bench.gc;

import io.flotilla.bench.sys.Command;
import io.flotilla.bench.sys.Processes;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;

/** A RADOS namespace, listed with {@code rados ls} (a scan of the pool; a few seconds for 100,000 objects). */
final class RadosNamespaceProbe implements BlobStoreProbe {
    private static final Duration TIMEOUT = Duration.ofMinutes(5);

    private final Processes processes;
    private final String cephConf;
    private final String pool;
    private final String namespace;

    RadosNamespaceProbe(Processes processes, String cephConf, String pool, String namespace) {
        this.processes = processes;
        this.cephConf = cephConf;
        this.pool = pool;
        this.namespace = namespace;
    }

    @Override
    public String describe() {
        return "RADOS namespace " + namespace + " in pool " + pool + " (rados ls)";
    }

    /** Blob heads only: a blob's bytes may span data chunks, and the indexes are shared bookkeeping. */
    @Override
    public OptionalLong objects() {
        return OptionalLong.of(list().stream().filter(o -> o.startsWith("blobs/")).count());
    }

    @Override
    public List<String> present(List<String> digests) {
        Set<String> objects = Set.copyOf(list());
        return digests.stream().filter(d -> objects.contains(BlobStoreProbe.blobKey(d))).toList();
    }

    private List<String> list() {
        String out = processes.run(Command.of("rados", "-c", cephConf, "-p", pool, "-N", namespace, "ls"), TIMEOUT)
                .check().stdout();
        return out.lines().map(String::strip).filter(l -> !l.isEmpty()).collect(Collectors.toList());
    }
}
