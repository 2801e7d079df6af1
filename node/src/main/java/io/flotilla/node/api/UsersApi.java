package io.flotilla.node.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.flotilla.node.access.Caller;
import io.flotilla.node.access.Member;
import io.flotilla.node.access.Members;
import io.flotilla.node.access.Project;
import io.flotilla.node.access.Projects;
import io.flotilla.node.access.UserAccount;
import io.flotilla.node.access.Users;
import io.flotilla.node.auth.BootstrapAdmin;
import io.flotilla.node.auth.PasswordHasher;
import io.flotilla.node.auth.http.Authenticated;
import io.flotilla.node.http.Json;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * Users under {@code /api/v2.0/users}, by name: listing, creating and deleting them is for system admins;
 * reading and editing a profile, and changing a password, also for the user itself. Local users only get
 * passwords here; directory users are recorded at their first login. Nobody can delete the bootstrap admin,
 * delete themselves, or take away their own system-admin flag, so the system always keeps an admin.
 */
public final class UsersApi implements HttpService {

    private static final String BASE = ApiGate.PREFIX + "/users";
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]{1,190}");
    private static final int MAX_TEXT = 255;

    private final Users users;
    private final Projects projects;
    private final Members members;
    private final PasswordHasher hasher;
    private final Consumer<String> forget;
    private final ChangeLog changes;

    /** {@code forget} drops a node's cached credentials of an account whose password or rights changed. */
    public UsersApi(Users users, Projects projects, Members members, PasswordHasher hasher, Consumer<String> forget,
                    io.flotilla.node.audit.AuditLog audit) {
        this.users = users;
        this.projects = projects;
        this.members = members;
        this.hasher = hasher;
        this.forget = forget;
        this.changes = new ChangeLog(audit);
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get(BASE, this::list)
                .post(BASE, this::create)
                .get(BASE + "/current", this::current)
                .get(BASE + "/{name}", this::read)
                .put(BASE + "/{name}", this::update)
                .delete(BASE + "/{name}", this::delete)
                .put(BASE + "/{name}/password", this::password)
                .put(BASE + "/{name}/sysadmin", this::sysadmin);
    }

    private void list(ServerRequest req, ServerResponse res) {
        ApiGate.systemAdmin(req);
        Optional<String> wanted = usernameFilter(req);
        List<UserAccount> all = StoreScan.all(users::list, UserAccount::name).stream()
                .filter(u -> wanted.map(w -> matches(u.name(), w)).orElse(true))
                .toList();
        ArrayNode body = Json.array();
        PageRequest.of(req).answer(all, req, res).forEach(u -> body.add(UserJson.of(u)));
        ApiAnswers.json(res, body);
    }

    /** {@code username=x} or Harbor's {@code q=username=~x}: {@code ~} asks for a substring, without case. */
    private static Optional<String> usernameFilter(ServerRequest req) {
        Optional<String> plain = req.query().first("username").asOptional();
        if (plain.isPresent()) {
            return plain;
        }
        return req.query().first("q").asOptional().map(q -> {
            java.util.Map<String, String> filters = new java.util.HashMap<>();
            HarborQuery.parse(q, filters, new Instant[2]);
            filters.keySet().stream().filter(k -> !k.equals("username")).findFirst().ifPresent(k -> {
                throw ApiAnswers.bad("users can be filtered by username only, not " + io.flotilla.model.Names.printable(k));
            });
            return filters.get("username");
        });
    }

    private static boolean matches(String name, String wanted) {
        if (wanted.startsWith("~")) {
            return name.toLowerCase(Locale.ROOT).contains(wanted.substring(1).toLowerCase(Locale.ROOT));
        }
        return name.equalsIgnoreCase(wanted);
    }

    private void create(ServerRequest req, ServerResponse res) {
        Authenticated who = ApiGate.systemAdmin(req);
        JsonBody body = JsonBody.read(req);
        String name = userName(body.text("username"));
        if (name.equalsIgnoreCase("current")) {
            throw ApiAnswers.bad("current is reserved: /users/current is the caller's own profile");
        }
        char[] password = PasswordRules.check("password", body.text("password"));
        String email = email(body.optionalText("email").orElse(""));
        String realname = text("realname", body.optionalText("realname").orElse(""));
        Instant now = users.clock().instant();
        UserAccount account = new UserAccount(name, UserAccount.LOCAL, hash(password), null, email, realname,
                false, false, List.of(), now, now);
        if (!users.create(account)) {
            throw ApiAnswers.conflict("user " + name + " already exists");
        }
        changes.record(who, ChangeLog.CREATE, "user", name, "", "");
        ApiAnswers.created(res, BASE + "/" + ApiAnswers.segment(name));
    }

    private void current(ServerRequest req, ServerResponse res) {
        Caller caller = ApiGate.caller(req).caller();
        if (caller.kind() != Caller.Kind.USER) {
            throw ApiAnswers.denied("a robot account has no user profile");
        }
        ApiAnswers.json(res, UserJson.of(existing(caller.name())));
    }

    private void read(ServerRequest req, ServerResponse res) {
        String name = selfOrAdmin(req);
        ApiAnswers.json(res, UserJson.of(existing(name)));
    }

    private void update(ServerRequest req, ServerResponse res) {
        String name = selfOrAdmin(req);
        JsonBody body = JsonBody.read(req);
        Optional<String> email = body.optionalText("email").map(UsersApi::email);
        Optional<String> realname = body.optionalText("realname").map(r -> text("realname", r));
        Instant now = users.clock().instant();
        UserAccount updated = change(name, u -> u.withDirectory(email.orElse(u.email()),
                realname.orElse(u.displayName()), u.groups(), now));
        changes.record(ApiGate.caller(req), ChangeLog.UPDATE, "user", updated.name(), "", "profile");
        ApiAnswers.json(res, UserJson.of(updated));
    }

    private void delete(ServerRequest req, ServerResponse res) {
        Authenticated who = ApiGate.systemAdmin(req);
        String name = existing(pathName(req)).name();
        if (same(who.caller(), name)) {
            throw ApiAnswers.denied("you cannot delete yourself");
        }
        if (name.equalsIgnoreCase(BootstrapAdmin.NAME)) {
            throw ApiAnswers.denied("the bootstrap admin " + BootstrapAdmin.NAME + " cannot be deleted");
        }
        // Memberships first: a user created later under the same name must not inherit this one's roles.
        for (Project p : StoreScan.all(projects::list, Project::name)) {
            members.remove(p.name(), Member.USER, name);
        }
        users.delete(name);
        forget.accept(name);
        changes.record(who, ChangeLog.DELETE, "user", name, "", "");
        ApiAnswers.ok(res);
    }

    private void password(ServerRequest req, ServerResponse res) {
        Authenticated who = ApiGate.caller(req);
        String name = selfOrAdmin(req);
        UserAccount account = existing(name);
        if (!UserAccount.LOCAL.equals(account.source())) {
            throw ApiAnswers.bad("the password of " + account.source() + " user " + account.name()
                    + " is kept by its directory");
        }
        JsonBody body = JsonBody.read(req);
        Optional<String> old = body.optionalText("old_password");
        if (same(who.caller(), name)) {
            // A stolen token must not be enough to take over the account: the owner proves the password.
            String given = old.orElseThrow(() -> ApiAnswers.bad("old_password is required to change your own password"));
            if (account.passwordHash() == null || !hasher.verify(given.toCharArray(), account.passwordHash())) {
                throw ApiAnswers.denied("old_password is wrong");
            }
        }
        String fresh = body.text("new_password");
        if (old.isPresent() && old.get().equals(fresh)) {
            throw ApiAnswers.bad("new_password must differ from old_password");
        }
        String hash = hash(PasswordRules.check("new_password", fresh));
        Instant now = users.clock().instant();
        change(name, u -> u.withPasswordHash(hash, now));
        forget.accept(name);
        changes.record(who, ChangeLog.UPDATE, "user", account.name(), "", "password");
        ApiAnswers.ok(res);
    }

    private void sysadmin(ServerRequest req, ServerResponse res) {
        Authenticated who = ApiGate.systemAdmin(req);
        UserAccount account = existing(pathName(req));
        boolean admin = JsonBody.read(req).optionalBoolean("sysadmin_flag")
                .orElseThrow(() -> ApiAnswers.bad("sysadmin_flag is required"));
        if (!admin && (same(who.caller(), account.name()) || account.name().equalsIgnoreCase(BootstrapAdmin.NAME))) {
            throw ApiAnswers.denied("a system admin cannot take away their own flag, nor the bootstrap admin's");
        }
        Instant now = users.clock().instant();
        change(account.name(), u -> u.withAdmin(admin, now));
        // Cached logins carry the old flag.
        forget.accept(account.name());
        changes.record(who, ChangeLog.UPDATE, "user", account.name(), "", "sysadmin_flag=" + admin);
        ApiAnswers.ok(res);
    }

    /** The user named in the path, if the caller is that user or a system admin. */
    private static String selfOrAdmin(ServerRequest req) {
        Authenticated who = ApiGate.caller(req);
        String name = pathName(req);
        if (!who.caller().systemAdmin() && !same(who.caller(), name)) {
            throw ApiAnswers.denied("only a system admin or the user itself may do this");
        }
        return name;
    }

    private static boolean same(Caller caller, String name) {
        return caller.kind() == Caller.Kind.USER && UserAccount.keyOf(caller.name()).equals(UserAccount.keyOf(name));
    }

    private static String pathName(ServerRequest req) {
        return PathNames.user(req.path().pathParameters().get("name"));
    }

    private UserAccount existing(String name) {
        return users.read(name).orElseThrow(() -> ApiAnswers.notFound("user", name));
    }

    private UserAccount change(String name, UnaryOperator<UserAccount> change) {
        try {
            return users.update(name, change);
        } catch (NoSuchElementException gone) {
            throw ApiAnswers.notFound("user", name);
        }
    }

    private String hash(char[] password) {
        try {
            return hasher.hash(password);
        } catch (IllegalArgumentException e) {
            throw ApiAnswers.bad(e.getMessage());
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    private static String userName(String name) {
        try {
            return Users.checkName(name);
        } catch (IllegalArgumentException e) {
            throw ApiAnswers.bad(e.getMessage());
        }
    }

    private static String email(String email) {
        ApiText.check("email", email, MAX_TEXT);
        if (!email.isEmpty() && !EMAIL.matcher(email).matches()) {
            throw ApiAnswers.bad("email is not an e-mail address");
        }
        return email;
    }

    private static String text(String field, String value) {
        return ApiText.check(field, value, MAX_TEXT);
    }
}
