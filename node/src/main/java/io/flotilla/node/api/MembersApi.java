package io.flotilla.node.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flotilla.node.access.Member;
import io.flotilla.node.access.Members;
import io.flotilla.node.access.Permission;
import io.flotilla.node.access.Project;
import io.flotilla.node.access.Projects;
import io.flotilla.node.access.Role;
import io.flotilla.node.access.Users;
import io.flotilla.node.auth.http.Authenticated;
import io.flotilla.node.http.Json;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Members of a project under {@code /api/v2.0/projects/{project}/members}: users and directory groups with a
 * role. A member is addressed by {@code u:<username>} or {@code g:<group>} where Harbor uses a numeric id. A
 * user member needs an account, except with an LDAP directory configured: then any valid name may be added
 * before that user's first login, as Harbor's LDAP import allows.
 */
public final class MembersApi implements HttpService {

    private static final String BASE = ApiGate.PREFIX + "/projects/{project}/members";
    private static final int MAX_GROUP = 255;

    private final Members members;
    private final Users users;
    private final boolean directoryUsers;
    private final ProjectGuard guard;
    private final ChangeLog changes;

    /** {@code directoryUsers}: whether users may exist in a directory before they log in (LDAP configured). */
    public MembersApi(Members members, Projects projects, Users users, boolean directoryUsers,
                      io.flotilla.node.audit.AuditLog audit) {
        this.members = members;
        this.users = users;
        this.directoryUsers = directoryUsers;
        this.guard = new ProjectGuard(projects);
        this.changes = new ChangeLog(audit);
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get(BASE, this::list)
                .post(BASE, this::add)
                .get(BASE + "/{mid}", this::read)
                .put(BASE + "/{mid}", this::update)
                .delete(BASE + "/{mid}", this::remove);
    }

    private void list(ServerRequest req, ServerResponse res) {
        Project project = guard.require(ApiGate.caller(req), project(req), Permission.MEMBER_LIST);
        Optional<String> wanted = req.query().first("entityname").asOptional().map(n -> n.toLowerCase(Locale.ROOT));
        List<Member> found = members.list(project.name()).stream()
                .filter(m -> wanted.map(w -> m.name().toLowerCase(Locale.ROOT).contains(w)).orElse(true))
                .toList();
        ArrayNode body = Json.array();
        PageRequest.of(req).answer(found, req, res).forEach(m -> body.add(json(m)));
        ApiAnswers.json(res, body);
    }

    private void add(ServerRequest req, ServerResponse res) {
        Authenticated who = ApiGate.caller(req);
        Project project = guard.require(who, project(req), Permission.MEMBER_CREATE);
        JsonBody body = JsonBody.read(req);
        Role role = role(body);
        Optional<JsonBody> user = body.optionalObject("member_user");
        Optional<JsonBody> group = body.optionalObject("member_group");
        if (user.isPresent() == group.isPresent()) {
            throw ApiAnswers.bad("give either member_user {username} or member_group {group_name}");
        }
        String type = user.isPresent() ? Member.USER : Member.GROUP;
        String name = user.isPresent() ? userName(user.get().text("username")) : groupName(group.get().text("group_name"));
        if (members.find(project.name(), type, name).isPresent()) {
            throw ApiAnswers.conflict(type + ":" + name + " is already a member of " + project.name());
        }
        Member added = members.put(project.name(), type, name, role);
        changes.record(who, ChangeLog.CREATE, "member", id(added), project.name(), "role=" + role.harborName());
        ApiAnswers.created(res, ApiGate.PREFIX + "/projects/" + project.name() + "/members/"
                + ApiAnswers.segment(id(added)));
    }

    private void read(ServerRequest req, ServerResponse res) {
        Project project = guard.require(ApiGate.caller(req), project(req), Permission.MEMBER_LIST);
        ApiAnswers.json(res, json(existing(project, req)));
    }

    private void update(ServerRequest req, ServerResponse res) {
        Authenticated who = ApiGate.caller(req);
        Project project = guard.require(who, project(req), Permission.MEMBER_UPDATE);
        Member member = existing(project, req);
        Role role = role(JsonBody.read(req));
        Member changed = members.put(project.name(), member.type(), member.name(), role);
        changes.record(who, ChangeLog.UPDATE, "member", id(changed), project.name(), "role=" + role.harborName());
        ApiAnswers.json(res, json(changed));
    }

    private void remove(ServerRequest req, ServerResponse res) {
        Authenticated who = ApiGate.caller(req);
        Project project = guard.require(who, project(req), Permission.MEMBER_DELETE);
        Member member = existing(project, req);
        members.remove(project.name(), member.type(), member.name());
        changes.record(who, ChangeLog.DELETE, "member", id(member), project.name(), "");
        ApiAnswers.ok(res);
    }

    /** The member a path's {@code u:<name>} or {@code g:<name>} names. */
    private Member existing(Project project, ServerRequest req) {
        String mid = req.path().pathParameters().get("mid");
        int colon = mid.indexOf(':');
        String type = colon < 0 ? "" : mid.substring(0, colon);
        if (!type.equals(Member.USER) && !type.equals(Member.GROUP)) {
            throw ApiAnswers.bad("a member id is u:<username> or g:<group>");
        }
        String name = type.equals(Member.USER) ? PathNames.user(mid.substring(colon + 1))
                : PathNames.group(mid.substring(colon + 1));
        return members.find(project.name(), type, name)
                .orElseThrow(() -> ApiAnswers.notFound("member", mid));
    }

    private String userName(String name) {
        try {
            Users.checkName(name);
        } catch (IllegalArgumentException e) {
            throw ApiAnswers.bad(e.getMessage());
        }
        Optional<io.flotilla.node.access.UserAccount> account = users.read(name);
        if (account.isEmpty() && !directoryUsers) {
            throw ApiAnswers.notFound("user", name);
        }
        // The account's own spelling, so listings show the name as the user was created.
        return account.map(io.flotilla.node.access.UserAccount::name).orElse(name);
    }

    private static String groupName(String name) {
        if (name.isBlank()) {
            throw ApiAnswers.bad("group_name must not be empty");
        }
        return ApiText.check("group_name", name, MAX_GROUP);
    }

    private static Role role(JsonBody body) {
        try {
            return Role.ofHarborId(body.integer("role_id"));
        } catch (IllegalArgumentException e) {
            throw ApiAnswers.bad("role_id is 1 (projectAdmin), 2 (developer), 3 (guest), 4 (maintainer)"
                    + " or 5 (limitedGuest)");
        }
    }

    static String id(Member m) {
        return m.type() + ":" + m.name();
    }

    private static String project(ServerRequest req) {
        return PathNames.project(req.path().pathParameters().get("project"));
    }

    static ObjectNode json(Member m) {
        ObjectNode o = Json.object();
        o.put("id", id(m));
        o.put("project_id", m.project());
        o.put("project", m.project());
        o.put("entity_name", m.name());
        o.put("entity_type", m.type());
        o.put("role_id", m.role().harborId());
        o.put("role_name", m.role().harborName());
        o.put("creation_time", String.valueOf(m.createdAt()));
        return o;
    }
}
