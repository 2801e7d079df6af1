package io.flotilla.chaos.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A run's append-only record of operations, safe to share between client threads and the nemesis. Index and
 * time are taken under one lock, so index order is also time order: checkers may use indexes to decide which
 * of two events came first, without ties.
 */
public final class History {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final long start;
    private final List<Op> ops = new ArrayList<>();

    /** An empty history whose clock starts now. */
    public History() {
        this.start = System.nanoTime();
    }

    private History(List<Op> ops) {
        this.start = 0;
        this.ops.addAll(ops);
    }

    /** A history of events recorded elsewhere (read from a file, or made by hand in a test), kept as given. */
    public static History of(List<Op> ops) {
        return new History(ops);
    }

    /** Records that {@code process} starts an operation; pass the returned op to {@link #complete}. */
    public Op invoke(int process, String f, String key, String value) {
        return append(process, Op.Type.INVOKE, f, key, value, null, List.of());
    }

    /** {@link #invoke(int, String, String, String)} of a manifest write that names these blobs. */
    public Op invoke(int process, String f, String key, String value, List<String> refs) {
        return append(process, Op.Type.INVOKE, f, key, value, null, refs);
    }

    /** Records how {@code invoke} ended: OK, FAIL (it did not happen) or INFO (unknown). */
    public Op complete(Op invoke, Op.Type type, String value, String error) {
        if (!invoke.isInvoke() || type == Op.Type.INVOKE) {
            throw new IllegalArgumentException("complete(" + invoke.type() + ", " + type + ")");
        }
        return append(invoke.process(), type, invoke.f(), invoke.key(), value, error, List.of());
    }

    private synchronized Op append(int process, Op.Type type, String f, String key, String value, String error,
                                   List<String> refs) {
        Op op = new Op(ops.size(), process, type, f, key, value, System.nanoTime() - start, error, refs);
        ops.add(op);
        return op;
    }

    /** A snapshot of every event so far, in order. */
    public synchronized List<Op> ops() {
        return List.copyOf(ops);
    }

    /**
     * Every invoke paired with its completion, in invoke order. A completion belongs to its process's open
     * invoke; an invoke left open when its process invokes again, or when the history ends, gets none.
     * Completions without an open invoke are dropped: they cannot be judged.
     */
    public List<Operation> operations() {
        List<Op> events = ops();
        Map<Integer, Integer> openByProcess = new HashMap<>();
        List<Op> invokes = new ArrayList<>();
        List<Op> completions = new ArrayList<>();
        for (Op op : events) {
            if (op.isInvoke()) {
                openByProcess.put(op.process(), invokes.size());
                invokes.add(op);
                completions.add(null);
            } else {
                Integer open = openByProcess.remove(op.process());
                if (open != null) {
                    completions.set(open, op);
                }
            }
        }
        List<Operation> paired = new ArrayList<>(invokes.size());
        for (int i = 0; i < invokes.size(); i++) {
            paired.add(new Operation(invokes.get(i), completions.get(i)));
        }
        return paired;
    }

    /**
     * Writes one JSON object per line: index, process, type (lower case), f, key, value, timeNanos, error, and
     * refs when the event names blobs.
     */
    public void writeJsonl(Path file) {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (Op op : ops()) {
                out.write(JSON.writeValueAsString(toJson(op)));
                out.newLine();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads what {@link #writeJsonl} wrote; blank lines are skipped. */
    public static History readJsonl(Path file) {
        List<Op> read = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int number = 0;
            while ((line = in.readLine()) != null) {
                number++;
                if (!line.isBlank()) {
                    read.add(fromJson(JSON.readTree(line), file, number));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return of(read);
    }

    private static ObjectNode toJson(Op op) {
        ObjectNode line = JSON.createObjectNode();
        line.put("index", op.index());
        line.put("process", op.process());
        line.put("type", op.type().name().toLowerCase(Locale.ROOT));
        line.put("f", op.f());
        line.put("key", op.key());
        line.put("value", op.value());
        line.put("timeNanos", op.timeNanos());
        line.put("error", op.error());
        if (!op.refs().isEmpty()) {
            var refs = line.putArray("refs");
            op.refs().forEach(refs::add);
        }
        return line;
    }

    private static Op fromJson(JsonNode n, Path file, int number) {
        for (String required : List.of("index", "process", "type", "timeNanos")) {
            if (!n.hasNonNull(required)) {
                throw new IllegalArgumentException(file + ":" + number + ": no " + required);
            }
        }
        return new Op(n.get("index").asLong(), n.get("process").asInt(),
                Op.Type.valueOf(n.get("type").asText().toUpperCase(Locale.ROOT)), text(n, "f"), text(n, "key"),
                text(n, "value"), n.get("timeNanos").asLong(), text(n, "error"), refs(n));
    }

    private static List<String> refs(JsonNode n) {
        List<String> refs = new ArrayList<>();
        JsonNode array = n.get("refs");
        if (array != null) {
            array.forEach(r -> refs.add(r.asText()));
        }
        return refs;
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
