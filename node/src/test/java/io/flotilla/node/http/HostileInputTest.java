package io.flotilla.node.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flotilla.node.TestNode;
import io.flotilla.node.http.RawHttp.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Malformed and hostile requests against one real node (the table is {@link HostileCases}). Each must be
 * refused with its status and an OCI error envelope that parses as JSON and leaks no Java internals, and
 * must leave the registry exactly as it was: the fingerprint of the seeded state is compared after every
 * case, staged files included.
 */
class HostileInputTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Stack frames, exception names and qualified Java names: none belongs in an answer. */
    private static final List<Pattern> LEAKS = List.of(
            Pattern.compile("\\bat [\\w$]+(\\.[\\w$]+)+\\("),
            Pattern.compile("\\w+(Exception|Error)\\b"),
            Pattern.compile("\\b(java|javax|jdk|sun|com|org|io|net)\\.[a-z_]\\w*\\.[\\w.$]+"),
            Pattern.compile("\\b[A-Z][a-z0-9]+(?:[A-Z][a-z0-9]*)+\\.[a-zA-Z_]\\w*\\b"));
    /** How long a case whose connection just ends may take for the node to finish cleaning up. */
    private static final long SETTLE_MILLIS = 5_000;

    private static TestNode node;
    private static RawHttp http;
    private static SeededRepository seed;
    private static String before;

    @BeforeAll
    static void seed() throws IOException {
        node = TestNode.start();
        http = new RawHttp(node.port(), node.adminAuthorization());
        seed = SeededRepository.push(http);
        before = fingerprint();
        assertTrue(before.contains("upload 204 0-4"), "the seeded upload holds 5 bytes:\n" + before);
        if (Files.isDirectory(blobRoot())) {
            assertTrue(before.contains("file uploads/" + seed.uploadId() + "/"), "the seeded upload has a staged piece");
        }
    }

    @AfterAll
    static void stop() {
        if (node != null) {
            node.close();
        }
    }

    @Test
    void theTableIsLargeAndItsNamesUnique() {
        List<HostileCase> cases = HostileCases.all(seed);
        assertTrue(cases.size() >= 45, "at least 45 hostile cases");
        assertEquals(cases.size(), cases.stream().map(HostileCase::name).distinct().count(), "case names are unique");
    }

    @TestFactory
    Stream<DynamicTest> hostileRequests() {
        return HostileCases.all(seed).stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> run(c)));
    }

    private static void run(HostileCase c) throws IOException {
        Optional<Response> answer = http.exchange(c.request());
        // Both verdicts are reported, and a changed state becomes the baseline, so one bug fails one case.
        assertAll(() -> assertAnswer(c, answer), () -> assertUnchanged(c, c.endOrClientError() ? SETTLE_MILLIS : 0));
    }

    private static void assertAnswer(HostileCase c, Optional<Response> answer) {
        if (c.endOrClientError()) {
            answer.ifPresent(r -> {
                assertTrue(r.status() >= 400 && r.status() < 500, c + ": a body cut short answered " + r.status()
                        + " " + r.bodyText());
                if (r.body().length > 0) {
                    assertEnvelope(c, r);
                }
            });
            return;
        }
        Response r = answer.orElseThrow(() -> new AssertionError(c + ": the node closed without answering"));
        assertEquals(c.status(), r.status(), c + ": status; body " + r.bodyText());
        String code = c.request().method().equals("HEAD") ? null : assertEnvelope(c, r);
        assertEquals(c.code(), code, c + ": OCI error code");
        if (c.allow() != null) {
            assertEquals(c.allow(), r.header("Allow").orElse(null), c + ": Allow header");
        }
        if (c.contentRange() != null) {
            assertEquals(c.contentRange(), r.header("Content-Range").orElse(null), c + ": Content-Range header");
        }
        if (c.range() != null) {
            assertEquals(c.range(), r.header("Range").orElse(null), c + ": Range header");
        }
    }

    /** Checks the envelope and returns the first error's code. */
    private static String assertEnvelope(HostileCase c, Response r) {
        String text = r.bodyText();
        assertTrue(r.header("Content-Type").orElse("").startsWith("application/json"),
                c + ": Content-Type of an error is JSON, not " + r.header("Content-Type").orElse("none") + ": " + text);
        JsonNode errors;
        try {
            errors = JSON.readTree(r.body()).get("errors");
        } catch (IOException e) {
            throw new AssertionError(c + ": the error body is not JSON: " + text, e);
        }
        assertNotNull(errors, c + ": no errors array in " + text);
        assertTrue(errors.isArray() && !errors.isEmpty(), c + ": empty errors array in " + text);
        for (JsonNode error : errors) {
            assertTrue(error.path("code").isTextual() && error.path("code").asText().matches("[A-Z_]+"),
                    c + ": an error code is uppercase letters and underscores: " + text);
            assertTrue(error.path("message").isMissingNode() || error.path("message").isTextual(), c + ": message");
        }
        for (Pattern leak : LEAKS) {
            assertFalse(leak.matcher(text).find(), c + ": the answer exposes Java internals (" + leak + "): " + text);
        }
        return errors.get(0).get("code").asText();
    }

    /**
     * Compares the fingerprint with the seeded one. A case whose connection just ended may still be
     * cleaning up on the node, so it gets {@code settleMillis} to reach the seeded state again.
     */
    private static void assertUnchanged(HostileCase c, long settleMillis) {
        long deadline = System.nanoTime() + settleMillis * 1_000_000;
        String now = fingerprint();
        while (!now.equals(before) && System.nanoTime() < deadline) {
            sleep(100);
            now = fingerprint();
        }
        if (!now.equals(before)) {
            String expected = before;
            before = now;
            assertEquals(expected, now, c + ": the registry changed");
        }
    }

    private static String fingerprint() {
        try {
            return RegistryFingerprint.take(http, blobRoot(), seed);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path blobRoot() {
        return node.dataDir().resolve("blobs");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
