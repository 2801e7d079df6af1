package io.flotilla.chaos.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The run's append-only, thread-safe record of operations; times are nanoseconds since construction.
 *
 * <p>MINIMAL stand-in written by the runner's worktree so the run path compiles; the checkers' worktree owns it.
 */
public final class History {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final long start = System.nanoTime();
    private final List<Op> ops = new ArrayList<>();

    public History() {
    }

    public Op invoke(int process, String f, String key, String value) {
        return append(process, Op.Type.INVOKE, f, key, value, null, System.nanoTime() - start);
    }

    public Op complete(Op invoke, Op.Type type, String value, String error) {
        return append(invoke.process(), type, invoke.f(), invoke.key(), value, error, System.nanoTime() - start);
    }

    public synchronized List<Op> ops() {
        return List.copyOf(ops);
    }

    private synchronized Op append(int process, Op.Type type, String f, String key, String value, String error,
                                   long time) {
        Op op = new Op(ops.size(), process, type, f, key, value, time, error);
        ops.add(op);
        return op;
    }

    public void writeJsonl(Path file) {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (Op op : ops()) {
                ObjectNode line = JSON.createObjectNode();
                line.put("index", op.index());
                line.put("process", op.process());
                line.put("type", op.type().name().toLowerCase(Locale.ROOT));
                line.put("f", op.f());
                line.put("key", op.key());
                line.put("value", op.value());
                line.put("timeNanos", op.timeNanos());
                line.put("error", op.error());
                out.write(JSON.writeValueAsString(line));
                out.newLine();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static History readJsonl(Path file) {
        History history = new History();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode n = JSON.readTree(line);
                history.ops.add(new Op(n.path("index").asLong(), n.path("process").asInt(),
                        Op.Type.valueOf(n.path("type").asText().toUpperCase(Locale.ROOT)), text(n, "f"),
                        text(n, "key"), text(n, "value"), n.path("timeNanos").asLong(), text(n, "error")));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return history;
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.path(field);
        return v.isNull() || v.isMissingNode() ? null : v.asText();
    }
}
