package io.flotilla.node.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.flotilla.node.access.Caller;
import io.flotilla.node.access.Member;
import io.flotilla.node.access.Members;
import io.flotilla.node.access.Permission;
import io.flotilla.node.access.Project;
import io.flotilla.node.access.Projects;
import io.flotilla.node.access.Role;
import io.flotilla.node.access.RobotAccount;
import io.flotilla.node.access.Robots;
import io.flotilla.node.auth.http.Authenticated;
import io.flotilla.node.http.Json;
import io.flotilla.node.registry.ErrorCode;
import io.flotilla.node.registry.RegistryException;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Projects under {@code /api/v2.0/projects}, by name. Any signed-in user may create one, as in Harbor, and
 * becomes its project admin; listing shows what the caller may read (public projects, its own, all for a
 * system admin). Deleting a project removes its memberships and robots, and is refused while it holds
 * tagged repositories (Harbor's 412) or when it is the default project, which single-segment names fall into.
 */
public final class ProjectsApi implements HttpService {

    private static final String BASE = ApiGate.PREFIX + "/projects";

    private final Projects projects;
    private final Members members;
    private final Robots robots;
    private final ProjectContents contents;
    private final Consumer<String> forget;
    private final ProjectGuard guard;
    private final ChangeLog changes;

    public ProjectsApi(Projects projects, Members members, Robots robots, ProjectContents contents,
                       Consumer<String> forget, io.flotilla.node.audit.AuditLog audit) {
        this.projects = projects;
        this.members = members;
        this.robots = robots;
        this.contents = contents;
        this.forget = forget;
        this.guard = new ProjectGuard(projects);
        this.changes = new ChangeLog(audit);
    }

    @Override
    public void routing(HttpRules rules) {
        rules.head(BASE, this::exists)
                .get(BASE, this::list)
                .post(BASE, this::create)
                .get(BASE + "/{name}", this::read)
                .put(BASE + "/{name}", this::update)
                .delete(BASE + "/{name}", this::delete);
    }

    /** Harbor's existence check; any signed-in caller may ask, as in Harbor (names are not secret there). */
    private void exists(ServerRequest req, ServerResponse res) {
        ApiGate.caller(req);
        String name = req.query().first("project_name").orElseThrow(() -> ApiAnswers.bad("project_name is required"));
        boolean found;
        try {
            found = projects.read(PathNames.project(name)).isPresent();
        } catch (io.flotilla.node.registry.RegistryException invalid) {
            found = false;
        }
        res.status(found ? Status.OK_200 : Status.NOT_FOUND_404).send();
    }

    private void list(ServerRequest req, ServerResponse res) {
        Authenticated who = ApiGate.caller(req);
        Optional<String> name = req.query().first("name").asOptional().map(n -> n.toLowerCase(Locale.ROOT));
        Optional<Boolean> open = req.query().first("public").asOptional().map(ProjectsApi::flag);
        List<Project> visible = StoreScan.all(projects::list, Project::name).stream()
                .filter(p -> name.map(n -> p.name().contains(n)).orElse(true))
                .filter(p -> open.map(o -> p.isPublic() == o).orElse(true))
                .filter(p -> who.holds(p.name(), Permission.PROJECT_READ))
                .toList();
        ArrayNode body = Json.array();
        PageRequest.of(req).answer(visible, req, res).forEach(p -> body.add(json(p, who.caller())));
        ApiAnswers.json(res, body);
    }

    private void create(ServerRequest req, ServerResponse res) {
        Authenticated who = ApiGate.caller(req);
        if (who.caller().kind() != Caller.Kind.USER) {
            throw ApiAnswers.denied("a robot account cannot create projects");
        }
        JsonBody body = JsonBody.read(req);
        String name = body.text("project_name");
        try {
            Projects.checkName(name);
        } catch (IllegalArgumentException e) {
            throw ApiAnswers.bad(e.getMessage());
        }
        boolean open = isPublic(body).orElse(false);
        if (!projects.create(name, open, who.caller().name())) {
            throw ApiAnswers.conflict("project " + name + " already exists");
        }
        changes.record(who, ChangeLog.CREATE, "project", name, name, "public=" + open);
        members.put(name, Member.USER, who.caller().name(), Role.PROJECT_ADMIN);
        changes.record(who, ChangeLog.CREATE, "member", Member.USER + ":" + who.caller().name(), name,
                "role=" + Role.PROJECT_ADMIN.harborName());
        ApiAnswers.created(res, BASE + "/" + name);
    }

    private void read(ServerRequest req, ServerResponse res) {
        Authenticated who = ApiGate.caller(req);
        Project project = guard.require(who, pathName(req), Permission.PROJECT_READ);
        ApiAnswers.json(res, json(project, who.caller()));
    }

    private void update(ServerRequest req, ServerResponse res) {
        Authenticated who = ApiGate.caller(req);
        Project project = guard.require(who, pathName(req), Permission.PROJECT_UPDATE);
        Optional<Boolean> open = isPublic(JsonBody.read(req));
        if (open.isPresent() && open.get() != project.isPublic()) {
            try {
                project = projects.setPublic(project.name(), open.get());
            } catch (NoSuchElementException gone) {
                throw ApiAnswers.notFound("project", project.name());
            }
            changes.record(who, ChangeLog.UPDATE, "project", project.name(), project.name(), "public=" + open.get());
        }
        ApiAnswers.json(res, json(project, who.caller()));
    }

    private void delete(ServerRequest req, ServerResponse res) {
        Authenticated who = ApiGate.caller(req);
        Project project = guard.require(who, pathName(req), Permission.PROJECT_DELETE);
        String name = project.name();
        if (name.equals(projects.defaultProject())) {
            throw new RegistryException(ErrorCode.PRECONDITION_FAILED, "the default project " + name
                    + " holds every single-segment repository and cannot be deleted");
        }
        if (contents.holdsTaggedRepositories(name)) {
            throw new RegistryException(ErrorCode.PRECONDITION_FAILED, "project " + name
                    + " still holds tagged repositories; delete them first");
        }
        // Robots and memberships before the project: a project created again under this name starts empty.
        List<RobotAccount> own = robots.list(RobotAccount.fullName(RobotAccount.PROJECT, name, ""));
        for (RobotAccount robot : own) {
            robots.delete(robot.name());
            forget.accept(robot.name());
        }
        int memberships = members.list(name).size();
        members.removeAll(name);
        projects.delete(name);
        changes.record(who, ChangeLog.DELETE, "project", name, name,
                "removed " + memberships + " memberships and " + own.size() + " robots");
        ApiAnswers.ok(res);
    }

    private com.fasterxml.jackson.databind.node.ObjectNode json(Project p, Caller caller) {
        return ProjectJson.of(p, members.roleOf(p.name(), caller).orElse(null));
    }

    /** {@code metadata.public} ("true"/"false", Harbor's form) or the older boolean {@code public}. */
    private static Optional<Boolean> isPublic(JsonBody body) {
        Optional<Boolean> inMetadata = body.optionalObject("metadata").flatMap(m -> m.optionalFlag("public"));
        return inMetadata.isPresent() ? inMetadata : body.optionalFlag("public");
    }

    private static boolean flag(String text) {
        return switch (text) {
            case "true", "1" -> true;
            case "false", "0" -> false;
            default -> throw ApiAnswers.bad("public must be true or false");
        };
    }

    private static String pathName(ServerRequest req) {
        return PathNames.project(req.path().pathParameters().get("name"));
    }
}
