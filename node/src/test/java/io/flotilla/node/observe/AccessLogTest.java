package io.flotilla.node.observe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AccessLogTest {

    @Test
    void everyQueuedLineIsWrittenInOrderByClose() {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        AccessLogWriter writer = new AccessLogWriter(new PrintStream(sink, true, StandardCharsets.UTF_8));
        for (int i = 0; i < 10_000; i++) {
            writer.write("line " + i);
        }
        writer.close();
        List<String> lines = sink.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(10_000, lines.size());
        for (int i = 0; i < lines.size(); i++) {
            assertEquals("line " + i, lines.get(i));
        }
        assertEquals(0, writer.dropped());
    }

    @Test
    void aLineIsThePrefixThenOneJsonObjectWithHostileTextEscaped() throws Exception {
        String path = "/v2/a\"b\\c\n{}/manifests/\u0001x";
        String line = AccessLog.line("GET", path, "manifest", 404, Duration.ofMillis(3), 0, 57, "127.0.0.1");
        assertTrue(line.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d{1,3})?Z INFO io\\.flotilla\\.access \\{.*"),
                line);
        assertEquals(1, line.lines().count(), "one line, whatever the path holds");
        JsonNode json = new ObjectMapper().readTree(line.substring(line.indexOf('{')));
        assertEquals(path, json.get("path").asText());
        assertEquals(404, json.get("status").asInt());
        assertEquals(3.0, json.get("ms").asDouble());
        assertEquals(57, json.get("out").asLong());
        assertEquals("127.0.0.1", json.get("remote").asText());
    }
}
