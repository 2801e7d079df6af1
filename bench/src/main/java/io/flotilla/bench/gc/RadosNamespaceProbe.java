package io.flotilla.bench.gc;

import io.flotilla.bench.sys.Command;
import io.flotilla.bench.sys.Processes;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A RADOS namespace, listed with {@code rados ls} (a scan of the pool; a few seconds for 100,000 objects).
 * Objects named {@code index:...} are the store's shared bookkeeping, not blob bytes, and are not counted.
 */
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

    @Override
    public OptionalLong objects() {
        return OptionalLong.of(list().size());
    }

    @Override
    public List<String> examples(int n) {
        return list().stream().limit(n).toList();
    }

    /** A RADOS listing carries no content fingerprint. */
    @Override
    public Optional<List<Integer>> holding(List<byte[]> contents) {
        return Optional.empty();
    }

    private List<String> list() {
        String out = processes.run(Command.of("rados", "-c", cephConf, "-p", pool, "-N", namespace, "ls"), TIMEOUT)
                .check().stdout();
        return out.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("index:")).toList();
    }
}
