package io.flotilla.node.api;

import io.flotilla.node.audit.AuditLog;
import io.flotilla.node.auth.http.Authenticated;
import io.flotilla.node.http.Json;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.util.function.Supplier;

/**
 * {@code POST /api/v2.0/system/signing-keys/rotate} (system admins): makes the node that answers sign with a
 * new key from now on. Its new public key is published before it signs anything, and its old key keeps
 * verifying until every token it signed has expired, so clients see no failure.
 */
public final class SigningKeysApi implements HttpService {

    private final Supplier<String> rotate;
    private final AuditLog audit;

    /** @param rotate rotates this node's key and returns the new key's id */
    public SigningKeysApi(Supplier<String> rotate, AuditLog audit) {
        this.rotate = rotate;
        this.audit = audit;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/api/v2.0/system/signing-keys/rotate", this::rotate);
    }

    private void rotate(ServerRequest req, ServerResponse res) {
        Authenticated who = ApiGate.systemAdmin(req);
        String kid = rotate.get();
        audit.record(new AuditLog.Entry(who.caller().name(), who.source(), "update", "config", "signing-key", "",
                "success", "rotated to " + kid));
        res.header(HeaderNames.CONTENT_TYPE, "application/json")
                .send(Json.bytes(Json.object().put("kid", kid)));
    }
}
