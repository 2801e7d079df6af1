package io.flotilla.node.audit;

import io.flotilla.model.RepositoryName;
import io.flotilla.node.access.Projects;
import io.flotilla.node.auth.http.Authenticated;
import io.flotilla.node.auth.http.GateEvents;
import io.flotilla.node.auth.http.LoginEvents;
import io.flotilla.node.http.OciRoute;
import io.flotilla.node.http.RequestAudit;
import io.helidon.http.Method;
import io.helidon.webserver.http.ServerRequest;

/**
 * Turns what the registry's handlers and its gate report into audit events: pushes and deletes written before
 * the response, pulls queued, and refused requests (bad credentials, denied actions) written at once.
 */
public final class RegistryAuditTrail implements RequestAudit, GateEvents, LoginEvents {

    private final AuditLog log;
    private final Projects projects;

    public RegistryAuditTrail(AuditLog log, Projects projects) {
        this.log = log;
        this.projects = projects;
    }

    @Override
    public void changed(ServerRequest req, String operation, RepositoryName repo, String reference) {
        log.record(entry(req, operation, repo, reference, "success", ""));
    }

    @Override
    public void pulled(ServerRequest req, RepositoryName repo, String reference) {
        log.recordSoon(entry(req, "pull", repo, reference, "success", ""));
    }

    @Override
    public void refused(String claimedUser, String source, OciRoute route, Method method, String why) {
        log.record(new AuditLog.Entry(claimedUser, source, "login", "registry", resource(route), project(route),
                "unauthorized", why));
    }

    @Override
    public void denied(Authenticated who, OciRoute route, Method method) {
        log.record(new AuditLog.Entry(who.caller().name(), who.source(), operationOf(method), "artifact",
                resource(route), project(route), "denied", method.text() + " " + route.kind().name().toLowerCase()));
    }

    @Override
    public void loggedIn(String account, String source) {
        log.record(new AuditLog.Entry(account, source, "login", "user", account, "", "success", ""));
    }

    @Override
    public void loginFailed(String claimedUser, String source, String why) {
        log.record(new AuditLog.Entry(claimedUser, source, "login", "user", claimedUser, "", "failure", why));
    }

    private AuditLog.Entry entry(ServerRequest req, String operation, RepositoryName repo, String reference,
                                 String result, String detail) {
        Authenticated who = req.context().get(Authenticated.class, Authenticated.class).orElse(null);
        String actor = who == null ? "" : who.caller().name();
        String source = who == null ? req.remotePeer().host() : who.source();
        return new AuditLog.Entry(actor, source, operation, "artifact", repo + ":" + reference,
                projects.projectOf(repo), result, detail);
    }

    private String resource(OciRoute route) {
        if (route == null || route.repo() == null) {
            return "";
        }
        return route.argument() == null ? route.repo().value() : route.repo() + ":" + route.argument();
    }

    private String project(OciRoute route) {
        return route == null || route.repo() == null ? "" : projects.projectOf(route.repo());
    }

    private static String operationOf(Method method) {
        if (method == Method.DELETE) {
            return "delete";
        }
        return method == Method.GET || method == Method.HEAD ? "pull" : "push";
    }
}
