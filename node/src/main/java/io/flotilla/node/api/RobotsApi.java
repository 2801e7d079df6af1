package io.flotilla.node.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.flotilla.node.access.Caller;
import io.flotilla.node.access.Permission;
import io.flotilla.node.access.Projects;
import io.flotilla.node.access.RobotAccount;
import io.flotilla.node.access.Robots;
import io.flotilla.node.auth.PasswordHasher;
import io.flotilla.node.auth.http.Authenticated;
import io.flotilla.node.http.Json;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * Robot accounts under {@code /api/v2.0/robots}, by full name ({@code robot$name}, {@code robot$project+name};
 * the prefix may be left out in a path). System robots are a system admin's; a project robot is managed by
 * whoever holds robot:create/update/delete/list in its project, and is granted nothing its creator does not
 * hold there. Robots do not manage robots. The secret is Argon2-hashed and shown only when created or rotated.
 */
public final class RobotsApi implements HttpService {

    private static final String BASE = ApiGate.PREFIX + "/robots";
    private static final int MAX_NAME = 255;
    private static final int MAX_DESCRIPTION = 1024;
    /** Harbor's default robot lifetime (its robot_token_duration setting). */
    static final long DEFAULT_DAYS = 30;
    private static final long MAX_DAYS = 36_500;

    private final Robots robots;
    private final Projects projects;
    private final PasswordHasher hasher;
    private final Consumer<String> forget;
    private final Clock clock;
    private final ProjectGuard guard;
    private final ChangeLog changes;

    public RobotsApi(Robots robots, Projects projects, PasswordHasher hasher, Consumer<String> forget, Clock clock,
                     io.flotilla.node.audit.AuditLog audit) {
        this.robots = robots;
        this.projects = projects;
        this.hasher = hasher;
        this.forget = forget;
        this.clock = clock;
        this.guard = new ProjectGuard(projects);
        this.changes = new ChangeLog(audit);
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get(BASE, this::list)
                .post(BASE, this::create)
                .get(BASE + "/{name}", this::read)
                .put(BASE + "/{name}", this::update)
                .patch(BASE + "/{name}", this::rotate)
                .delete(BASE + "/{name}", this::delete);
    }

    private void list(ServerRequest req, ServerResponse res) {
        Authenticated who = ApiGate.caller(req);
        Optional<String> project = projectFilter(req);
        List<RobotAccount> found;
        if (project.isPresent()) {
            guard.require(who, project.get(), Permission.ROBOT_LIST);
            found = robots.list(RobotAccount.fullName(RobotAccount.PROJECT, project.get(), ""));
        } else {
            if (!who.caller().systemAdmin()) {
                throw ApiAnswers.denied("only a system admin lists every robot; name a project (?project=NAME)");
            }
            found = robots.list(RobotAccount.PREFIX);
        }
        ArrayNode body = Json.array();
        PageRequest.of(req).answer(found, req, res).forEach(r -> body.add(RobotJson.of(r)));
        ApiAnswers.json(res, body);
    }

    /** {@code project=x}, or Harbor's {@code q=Level=project,ProjectName=x} (ProjectID is the name here too). */
    private static Optional<String> projectFilter(ServerRequest req) {
        Optional<String> plain = req.query().first("project").asOptional();
        if (plain.isPresent()) {
            return plain.map(PathNames::project);
        }
        Optional<String> q = req.query().first("q").asOptional();
        if (q.isEmpty()) {
            return Optional.empty();
        }
        java.util.Map<String, String> filters = new java.util.HashMap<>();
        HarborQuery.parse(q.get(), filters, new Instant[2]);
        String project = filters.getOrDefault("ProjectName", filters.get("ProjectID"));
        String level = filters.get("Level");
        if (RobotAccount.SYSTEM.equals(level) || project == null) {
            return Optional.empty();
        }
        return Optional.of(PathNames.project(project));
    }

    private void create(ServerRequest req, ServerResponse res) {
        Authenticated who = manager(req);
        JsonBody body = JsonBody.read(req);
        String level = body.text("level");
        List<RobotAccount.Grant> grants = RobotGrants.read(
                body.optionalObjects("permissions").orElseThrow(() -> ApiAnswers.bad("permissions are required")));
        String project = "";
        if (level.equals(RobotAccount.PROJECT)) {
            project = grants.getFirst().namespace();
            for (RobotAccount.Grant g : grants) {
                if (!g.namespace().equals(project)) {
                    throw ApiAnswers.bad("a project robot is granted permissions in its one project only");
                }
            }
            guard.require(who, project, Permission.ROBOT_CREATE);
        } else if (level.equals(RobotAccount.SYSTEM)) {
            ApiGate.systemAdmin(req);
        } else {
            throw ApiAnswers.bad("level is system or project");
        }
        checkGrantable(who, grants);
        String name = fullName(level, project, body.text("name"));
        String description = ApiText.check("description", body.optionalText("description").orElse(""), MAX_DESCRIPTION);
        Instant now = clock.instant();
        Instant expires = expiry(now, body.optionalLong("duration").orElse(DEFAULT_DAYS));
        char[] secret = secret(body.optionalText("secret"));
        try {
            RobotAccount robot = new RobotAccount(name, level, project, description, hash(secret), grants, expires,
                    body.optionalBoolean("disable").orElse(false), now, now);
            if (!robots.create(robot)) {
                throw ApiAnswers.conflict("robot " + name + " already exists");
            }
            changes.record(who, ChangeLog.CREATE, "robot", name, project, summary(grants));
            ApiAnswers.created(res, BASE + "/" + ApiAnswers.segment(name), RobotJson.created(robot, secret));
        } finally {
            Arrays.fill(secret, '\0');
        }
    }

    private void read(ServerRequest req, ServerResponse res) {
        Authenticated who = ApiGate.caller(req);
        RobotAccount robot = existing(who, req, Permission.ROBOT_LIST);
        ApiAnswers.json(res, RobotJson.of(robot));
    }

    private void update(ServerRequest req, ServerResponse res) {
        Authenticated who = manager(req);
        RobotAccount robot = existing(who, req, Permission.ROBOT_UPDATE);
        JsonBody body = JsonBody.read(req);
        String description = body.optionalText("description").map(d -> ApiText.check("description", d, MAX_DESCRIPTION))
                .orElse(robot.description());
        boolean disabled = body.optionalBoolean("disable").orElse(robot.disabled());
        Instant expires = body.optionalLong("duration").map(days -> expiry(robot.createdAt(), days))
                .orElse(robot.expiresAt());
        List<RobotAccount.Grant> grants = robot.permissions();
        if (body.has("permissions")) {
            grants = RobotGrants.read(body.optionalObjects("permissions").orElseThrow());
            checkGrantable(who, grants);
        }
        List<RobotAccount.Grant> granted = grants;
        Instant now = clock.instant();
        RobotAccount updated = change(robot.name(), r -> rebuilt(r, description, granted, expires, disabled, now));
        forget.accept(robot.name());
        changes.record(who, ChangeLog.UPDATE, "robot", robot.name(), robot.project(),
                "disable=" + disabled + "; " + summary(granted));
        ApiAnswers.json(res, RobotJson.of(updated));
    }

    private void rotate(ServerRequest req, ServerResponse res) {
        Authenticated who = manager(req);
        RobotAccount robot = existing(who, req, Permission.ROBOT_UPDATE);
        char[] secret = secret(JsonBody.readOrEmpty(req).optionalText("secret").filter(s -> !s.isEmpty()));
        try {
            String hash = hash(secret);
            Instant now = clock.instant();
            RobotAccount updated = change(robot.name(), r -> r.withSecretHash(hash, now));
            forget.accept(robot.name());
            changes.record(who, ChangeLog.UPDATE, "robot", robot.name(), robot.project(), "secret");
            ApiAnswers.json(res, Json.object().put("secret", new String(secret))
                    .put("expires_at", RobotJson.expiresAt(updated.expiresAt())));
        } finally {
            Arrays.fill(secret, '\0');
        }
    }

    private void delete(ServerRequest req, ServerResponse res) {
        Authenticated who = manager(req);
        RobotAccount robot = existing(who, req, Permission.ROBOT_DELETE);
        robots.delete(robot.name());
        forget.accept(robot.name());
        changes.record(who, ChangeLog.DELETE, "robot", robot.name(), robot.project(), "");
        ApiAnswers.ok(res);
    }

    /** A caller that may change robots at all: a user (a robot could otherwise mint itself successors). */
    private static Authenticated manager(ServerRequest req) {
        Authenticated who = ApiGate.caller(req);
        if (who.caller().kind() != Caller.Kind.USER) {
            throw ApiAnswers.denied("robot accounts cannot manage robot accounts");
        }
        return who;
    }

    /**
     * The robot the path names, if the caller holds {@code permission} in its project (for a system robot:
     * is a system admin). As with projects, only such a caller learns whether it exists.
     */
    private RobotAccount existing(Authenticated who, ServerRequest req, Permission permission) {
        String full = PathNames.robot(req.path().pathParameters().get("name"));
        String project = PathNames.projectOfRobot(full);
        if (project != null) {
            if (!who.holds(project, permission)) {
                throw ApiAnswers.denied("you may not " + permission.action() + " the robots of project " + project);
            }
        } else if (!who.caller().systemAdmin()) {
            throw ApiAnswers.denied("only a system admin manages system robots");
        }
        return robots.read(full).orElseThrow(() -> ApiAnswers.notFound("robot", full));
    }

    /** Refuses a grant the caller does not hold itself, and a grant in a project that does not exist. */
    private void checkGrantable(Authenticated who, List<RobotAccount.Grant> grants) {
        for (RobotAccount.Grant g : grants) {
            if (g.namespace().equals(RobotGrants.ALL_PROJECTS)) {
                if (!who.caller().systemAdmin()) {
                    throw ApiAnswers.denied("only a system admin grants access to every project");
                }
                continue;
            }
            for (Permission p : g.access()) {
                if (!who.holds(g.namespace(), p)) {
                    throw ApiAnswers.denied("you may not grant " + p + " in " + g.namespace()
                            + ", which you do not hold yourself");
                }
            }
            if (projects.find(g.namespace()).isEmpty()) {
                throw ApiAnswers.notFound("project", g.namespace());
            }
        }
    }

    private static RobotAccount rebuilt(RobotAccount r, String description, List<RobotAccount.Grant> grants,
                                        Instant expires, boolean disabled, Instant now) {
        try {
            return new RobotAccount(r.name(), r.level(), r.project(), description, r.secretHash(), grants, expires,
                    disabled, r.createdAt(), now);
        } catch (IllegalArgumentException e) {
            throw ApiAnswers.bad(e.getMessage());
        }
    }

    private RobotAccount change(String name, UnaryOperator<RobotAccount> change) {
        try {
            return robots.update(name, change);
        } catch (NoSuchElementException gone) {
            throw ApiAnswers.notFound("robot", name);
        }
    }

    private static String fullName(String level, String project, String shortName) {
        if (!PathNames.ROBOT_SHORT_NAME.matcher(shortName).matches()) {
            throw ApiAnswers.bad("a robot name is lower-case letters and digits, separated by '.', '_' or '-'");
        }
        String full = RobotAccount.fullName(level, project, shortName);
        if (full.length() > MAX_NAME) {
            throw ApiAnswers.bad("the robot's full name " + full.substring(0, 40) + "... is longer than " + MAX_NAME);
        }
        return full;
    }

    /** {@code days} from {@code from}: -1 is never; otherwise 1 to 36500. */
    private static Instant expiry(Instant from, long days) {
        if (days == -1) {
            return null;
        }
        if (days < 1 || days > MAX_DAYS) {
            throw ApiAnswers.bad("duration is -1 (never expires) or 1 to " + MAX_DAYS + " days");
        }
        return from.plus(Duration.ofDays(days));
    }

    private static char[] secret(Optional<String> given) {
        return given.map(s -> PasswordRules.check("secret", s)).orElseGet(PasswordHasher::randomPassword);
    }

    private String hash(char[] secret) {
        try {
            return hasher.hash(secret);
        } catch (IllegalArgumentException e) {
            throw ApiAnswers.bad(e.getMessage());
        }
    }

    private static String summary(List<RobotAccount.Grant> grants) {
        StringBuilder out = new StringBuilder();
        for (RobotAccount.Grant g : grants) {
            out.append(out.isEmpty() ? "" : "; ").append(g.namespace()).append(": ")
                    .append(String.join(",", new java.util.TreeSet<>(g.access()).stream().map(Permission::toString).toList()));
        }
        return out.toString();
    }
}
