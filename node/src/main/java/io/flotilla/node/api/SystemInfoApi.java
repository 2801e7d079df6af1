package io.flotilla.node.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flotilla.node.http.Json;
import io.flotilla.node.http.Urls;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.net.URI;

/**
 * {@code GET /api/v2.0/systeminfo}: the few of Harbor's system facts that clients read to find out how to log in
 * ({@code auth_mode}) and where to push ({@code registry_url}, host and port as {@code docker login} takes them).
 * Signed-in callers only, like the rest of the API.
 */
public final class SystemInfoApi implements HttpService {

    private final Urls urls;
    private final boolean ldap;
    private final String version;

    public SystemInfoApi(Urls urls, boolean ldap) {
        this.urls = urls;
        this.ldap = ldap;
        String implementation = SystemInfoApi.class.getPackage().getImplementationVersion();
        this.version = "flotilla-" + (implementation == null ? "dev" : implementation);
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get(ApiGate.PREFIX + "/systeminfo", this::info);
    }

    private void info(ServerRequest req, ServerResponse res) {
        ApiGate.caller(req);
        String external = urls.externalUrl(req.headers().first(HeaderNames.HOST).orElse(null));
        URI uri = URI.create(external);
        ObjectNode o = Json.object();
        o.put("registry_url", uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort());
        o.put("external_url", external);
        o.put("auth_mode", ldap ? "ldap_auth" : "db_auth");
        o.put("harbor_version", version);
        o.put("project_creation_restriction", "everyone");
        o.put("self_registration", false);
        o.put("read_only", false);
        ApiAnswers.json(res, o);
    }
}
