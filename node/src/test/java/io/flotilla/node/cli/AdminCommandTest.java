package io.flotilla.node.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flotilla.node.TestNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The admin CLI's classes, run in-process against a real node over HTTP. */
class AdminCommandTest {

    private static TestNode node;
    private static String adminPassword;

    @BeforeAll
    static void start() throws IOException {
        node = TestNode.start(Map.of("auth.throttle-free-failures", "100000"));
        String fromEnvironment = System.getenv("FLOTILLA_ADMIN_PASSWORD");
        adminPassword = fromEnvironment != null && !fromEnvironment.isEmpty() ? fromEnvironment
                : Files.readString(node.dataDir().resolve(Path.of("auth", "admin-password"))).strip();
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    /** What one run printed, and its exit status. */
    record Run(int status, String out, String err) {
        List<String> lines() {
            return out.lines().toList();
        }
    }

    /** Runs {@code flotilla admin --url … --password-stdin ARGS} with the admin's password and then {@code moreInput} on stdin. */
    private static Run admin(String moreInput, String... args) {
        return run(adminPassword + "\n" + moreInput, Map.of(), prepend("--password-stdin", args));
    }

    private static Run run(String stdin, Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Terminal terminal = new Terminal(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                null, env);
        String[] withUrl = List.of(args).contains("--url") ? args : prepend("--url", prepend("http://" + node.hostPort(), args));
        int status = AdminCommand.commandLine(terminal).execute(withUrl);
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static String[] prepend(String first, String... rest) {
        List<String> all = new ArrayList<>(List.of(first));
        all.addAll(List.of(rest));
        return all.toArray(String[]::new);
    }

    private static int v2Status(String user, String secret, String path) throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + node.hostPort() + path))
                    .header("Authorization", "Basic " + Base64.getEncoder()
                            .encodeToString((user + ":" + secret).getBytes(StandardCharsets.UTF_8))).build();
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        }
    }

    @Test
    void createsAUserProjectMemberAndRobotAndShowsThemInTheAuditLog() throws Exception {
        Run user = admin("Cli1Passw0rd\n", "users", "create", "clara", "--email", "clara@example.com");
        assertEquals(0, user.status(), user.err());
        assertEquals("created user clara", user.out().strip());
        Run users = admin("", "users", "list");
        assertTrue(users.lines().getFirst().startsWith("USERNAME"), users.out());
        assertTrue(users.lines().stream().anyMatch(l -> l.startsWith("clara ") && l.contains("clara@example.com")),
                users.out());

        Run project = admin("", "projects", "create", "cliproj");
        assertEquals(0, project.status(), project.err());
        Run member = admin("", "members", "add", "cliproj", "clara", "developer");
        assertEquals(0, member.status(), member.err());
        assertEquals("user clara is developer in cliproj", member.out().strip());
        Run members = admin("", "members", "list", "cliproj");
        assertTrue(members.lines().stream().anyMatch(l -> l.matches("user\\s+clara\\s+developer")), members.out());

        // Clara signs in with the password given on stdin, and may push to her project.
        Run asClara = run("Cli1Passw0rd\n", Map.of(), "--user", "clara", "--password-stdin", "--json", "projects", "list");
        assertEquals(0, asClara.status(), asClara.err());
        JsonNode claraProjects = new ObjectMapper().readTree(asClara.out());
        assertEquals("cliproj", claraProjects.get(0).get("name").asText());
        assertEquals(2, claraProjects.get(0).get("current_user_role_id").asInt());

        Run robot = admin("", "robots", "create", "ci", "--project", "cliproj", "--grant", "cliproj:repository:pull,push",
                "--days", "7");
        assertEquals(0, robot.status(), robot.err());
        assertEquals("name: robot$cliproj+ci", robot.lines().get(0));
        String secret = robot.lines().get(1).substring("secret: ".length());
        assertEquals(200, v2Status("robot$cliproj+ci", secret, "/v2/"));
        Run robots = admin("", "robots", "list", "--project", "cliproj");
        assertTrue(robots.out().contains("cliproj=repository:pull,repository:push"), robots.out());

        Run disabled = admin("", "robots", "disable", "robot$cliproj+ci");
        assertEquals(0, disabled.status(), disabled.err());
        assertEquals(401, v2Status("robot$cliproj+ci", secret, "/v2/"));
        assertEquals(0, admin("", "robots", "enable", "robot$cliproj+ci").status());
        Run rotated = admin("", "robots", "rotate", "robot$cliproj+ci");
        String fresh = rotated.out().strip().substring("secret: ".length());
        assertEquals(200, v2Status("robot$cliproj+ci", fresh, "/v2/"));
        assertEquals(401, v2Status("robot$cliproj+ci", secret, "/v2/"));

        Run audit = admin("", "audit", "--user", "admin", "--operation", "create");
        assertEquals(0, audit.status(), audit.err());
        String table = audit.out();
        assertTrue(table.startsWith("TIME"), table);
        for (String expected : new String[]{"user +clara", "project +cliproj", "member +u:clara +cliproj",
                "robot +robot\\$cliproj\\+ci +cliproj"}) {
            assertTrue(table.lines().anyMatch(l -> l.matches(".*\\badmin\\b.*create +" + expected + ".*")),
                    expected + " missing from\n" + table);
        }
        Run jsonl = admin("", "audit", "--user", "admin", "--format", "jsonl", "--limit", "3");
        assertEquals(3, jsonl.lines().size(), jsonl.out());
        Run csv = admin("", "audit", "--format", "csv", "--operation", "update", "--user", "admin");
        assertTrue(csv.lines().getFirst().startsWith("id,op_time,username"), csv.out());
        assertTrue(csv.lines().stream().anyMatch(l -> l.contains("robot$cliproj+ci")), csv.out());
    }

    @Test
    void pausesAndResumesGarbageCollectionAndSetsAnUntaggedPolicy() {
        Run paused = admin("", "gc", "pause");
        assertEquals(0, paused.status(), paused.err());
        assertTrue(paused.lines().stream().anyMatch(l -> l.matches("paused\\s+true")), paused.out());
        try {
            Run status = admin("", "--json", "gc", "status");
            assertEquals(0, status.status(), status.err());
            assertTrue(status.out().contains("\"paused\" : true") || status.out().contains("\"paused\":true"),
                    status.out());
        } finally {
            Run resumed = admin("", "gc", "resume");
            assertEquals(0, resumed.status(), resumed.err());
            assertTrue(resumed.lines().stream().anyMatch(l -> l.matches("paused\\s+false")), resumed.out());
        }
        Run set = admin("", "gc", "policy", "library/app", "--delete-after-hours", "48");
        assertEquals(0, set.status(), set.err());
        Run shown = admin("", "gc", "policy", "library/app");
        assertTrue(shown.lines().stream().anyMatch(l -> l.matches("afterHours\\s+48")), shown.out());
        Run both = admin("", "gc", "policy", "library/app", "--keep", "--delete-after-hours", "1");
        assertEquals(2, both.status(), "a usage error");
        assertTrue(both.err().contains("exclude each other"), both.err());
        Run dry = admin("", "gc", "dry-run");
        assertEquals(0, dry.status(), dry.err());
        assertTrue(dry.out().contains("due reviews read"), dry.out());
    }

    @Test
    void generatedPasswordsArePrintedOnceAndWork() throws Exception {
        Run created = admin("", "users", "create", "gen", "--generate", "--admin");
        assertEquals(0, created.status(), created.err());
        String password = created.lines().get(1).substring("password: ".length());
        Run asGen = run("", Map.of("FLOTILLA_ADMIN_PASSWORD", password), "--user", "gen", "users", "list");
        assertEquals(0, asGen.status(), asGen.err());

        Run reset = run(password + "\n", Map.of(), "--user", "gen", "--password-stdin", "users", "passwd", "gen", "--generate");
        assertEquals(0, reset.status(), reset.err());
        String fresh = reset.lines().get(1).substring("password: ".length());
        assertEquals(1, run("", Map.of("FLOTILLA_ADMIN_PASSWORD", password), "--user", "gen", "users", "list").status());
        assertEquals(0, run("", Map.of("FLOTILLA_ADMIN_PASSWORD", fresh), "--user", "gen", "users", "list").status());
    }

    @Test
    void refusalsAndMistakesExitNonZeroWithAMessage() {
        Run wrong = run("not-the-password\n", Map.of(), "--password-stdin", "users", "list");
        assertEquals(1, wrong.status());
        assertTrue(wrong.err().contains("401 UNAUTHORIZED"), wrong.err());

        assertEquals(0, admin("", "projects", "create", "twice").status());
        Run again = admin("", "projects", "create", "twice");
        assertEquals(1, again.status());
        assertTrue(again.err().contains("409 CONFLICT"), again.err());

        Run badRole = admin("", "members", "add", "twice", "admin", "overlord");
        assertEquals(2, badRole.status());
        assertTrue(badRole.err().contains("unknown role"), badRole.err());
        Run badGrant = admin("", "robots", "create", "x", "--grant", "pull");
        assertEquals(2, badGrant.status());

        Run noPassword = run("", Map.of(), "users", "list");
        assertEquals(2, noPassword.status());
        assertTrue(noPassword.err().contains("--password-stdin"), noPassword.err());

        Run unreachable = run("", Map.of("FLOTILLA_ADMIN_PASSWORD", "x"), "--url", "http://127.0.0.1:1", "users", "list");
        assertEquals(1, unreachable.status());
        assertTrue(unreachable.err().contains("cannot reach"), unreachable.err());
    }
}
