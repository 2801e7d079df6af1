package io.flotilla.node.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flotilla.model.Digest;
import io.flotilla.model.Names;
import io.flotilla.model.RepositoryName;
import io.flotilla.node.audit.AuditLog;
import io.flotilla.node.auth.http.Authenticated;
import io.flotilla.node.gc.DryRun;
import io.flotilla.node.gc.GarbageCollection;
import io.flotilla.node.gc.UntaggedPolicy;
import io.flotilla.node.http.Json;
import io.flotilla.node.registry.ErrorCode;
import io.flotilla.node.registry.RegistryException;
import io.flotilla.storage.spi.BlobRecord;
import io.flotilla.storage.spi.MetadataStore;
import io.flotilla.storage.spi.Versioned;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.util.Map;
import java.util.Optional;

/**
 * {@code /api/v2.0/system/gc} (system admins): the collector's state and this node's totals, pause and resume
 * (cluster-wide, durable), the dry run, a blob's collection state (which, unlike a registry HEAD, does not
 * count as a read), and per-repository untagged-manifest policies. Changes are audited.
 */
public final class GcApi implements HttpService {
    static final String ROOT = ApiGate.PREFIX + "/system/gc";
    private static final int MAX_DRY_RUN = 10_000;

    /** A caller allowed in, as the audit log names it. */
    public record Admin(String name, String source) {
    }

    /** Who may use the API: the caller, or a refusal by RegistryException. */
    @FunctionalInterface
    public interface Admins {
        Admin authorize(ServerRequest req);
    }

    private final GarbageCollection gc;
    private final MetadataStore metadata;
    private final Admins admins;
    private final AuditLog audit;

    /** @param audit where changes are recorded, or null when access control (and with it the audit log) is off */
    public GcApi(GarbageCollection gc, MetadataStore metadata, Admins admins, AuditLog audit) {
        this.gc = gc;
        this.metadata = metadata;
        this.admins = admins;
        this.audit = audit;
    }

    /** Admins as access control knows them: system admins. */
    public static Admin systemAdmin(ServerRequest req) {
        Authenticated who = ApiGate.systemAdmin(req);
        return new Admin(who.caller().name(), who.source());
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get(ROOT, this::status)
                .post(ROOT + "/pause", (req, res) -> pause(req, res, true))
                .post(ROOT + "/resume", (req, res) -> pause(req, res, false))
                .get(ROOT + "/dry-run", this::dryRun)
                .get(ROOT + "/blobs/{digest}", this::blob)
                .get(ROOT + "/untagged-policy", this::policy)
                .put(ROOT + "/untagged-policy", this::setPolicy);
    }

    private void status(ServerRequest req, ServerResponse res) {
        admins.authorize(req);
        ApiAnswers.json(res, state(gc.control().refresh()));
    }

    private void pause(ServerRequest req, ServerResponse res, boolean pause) {
        Admin who = admins.authorize(req);
        gc.control().pause(pause);
        record(who, pause ? "pause" : "resume", "gc", "");
        ApiAnswers.json(res, state(pause));
    }

    private ObjectNode state(boolean paused) {
        ObjectNode o = Json.object();
        o.put("paused", paused);
        o.put("enabled", gc.settings().enabled());
        o.put("delaySeconds", gc.settings().delay().toSeconds());
        o.put("graceSeconds", gc.settings().grace().toSeconds());
        ObjectNode node = o.putObject("node");
        for (Map.Entry<String, Double> total : gc.metrics().totals().entrySet()) {
            node.put(total.getKey(), total.getValue().longValue());
        }
        return o;
    }

    private void dryRun(ServerRequest req, ServerResponse res) {
        admins.authorize(req);
        int limit = PageRequest.number(req, "limit", 1_000, MAX_DRY_RUN);
        DryRun.Report report = gc.dryRun().run(limit);
        ObjectNode o = Json.object();
        ArrayNode items = o.putArray("wouldDelete");
        for (DryRun.Candidate c : report.wouldDelete()) {
            items.addObject().put("kind", c.kind()).put("name", c.name()).put("state", c.state()).put("size", c.size());
        }
        o.put("reviewed", report.reviewed());
        o.put("truncated", report.truncated());
        ApiAnswers.json(res, o);
    }

    private void blob(ServerRequest req, ServerResponse res) {
        admins.authorize(req);
        String text = req.path().pathParameters().get("digest");
        Digest digest;
        try {
            digest = Digest.parse(text);
        } catch (IllegalArgumentException e) {
            throw new RegistryException(ErrorCode.DIGEST_INVALID, "not a digest: " + Names.printable(text));
        }
        Optional<Versioned<BlobRecord>> row = metadata.getBlob(digest);
        ObjectNode o = Json.object().put("digest", digest.toString());
        if (row.isEmpty()) {
            o.put("state", "absent");
        } else {
            BlobRecord blob = row.get().value();
            o.put("state", blob.state().name().toLowerCase()).put("size", blob.size())
                    .put("refEpoch", blob.refEpoch()).put("touched", blob.touched().toString());
        }
        ApiAnswers.json(res, o);
    }

    private void policy(ServerRequest req, ServerResponse res) {
        admins.authorize(req);
        ApiAnswers.json(res, policyJson(repository(req), gc.policies().of(repository(req))));
    }

    private void setPolicy(ServerRequest req, ServerResponse res) {
        Admin who = admins.authorize(req);
        RepositoryName repo = repository(req);
        JsonBody body = JsonBody.read(req);
        UntaggedPolicy policy = switch (body.text("untagged")) {
            case "keep" -> UntaggedPolicy.KEEP;
            case "delete" -> new UntaggedPolicy(body.optionalLong("afterHours")
                    .filter(h -> h >= 0 && h <= 24L * 365 * 10)
                    .orElseThrow(() -> JsonBody.bad("afterHours must be a number of hours from 0 to 87600")));
            default -> throw JsonBody.bad("untagged must be \"keep\" or \"delete\"");
        };
        gc.policies().set(repo, policy);
        record(who, "update", "gc-policy", repo.toString());
        ApiAnswers.json(res, policyJson(repo, policy));
    }

    private static ObjectNode policyJson(RepositoryName repo, UntaggedPolicy policy) {
        ObjectNode o = Json.object().put("repository", repo.toString());
        o.put("untagged", policy.keeps() ? "keep" : "delete");
        if (!policy.keeps()) {
            o.put("afterHours", policy.afterHours());
        }
        return o;
    }

    private static RepositoryName repository(ServerRequest req) {
        String text = req.query().first("repository")
                .orElseThrow(() -> ApiAnswers.bad("the repository query parameter is required"));
        try {
            return RepositoryName.parse(text);
        } catch (IllegalArgumentException e) {
            throw new RegistryException(ErrorCode.NAME_INVALID, "invalid repository name: " + Names.printable(text));
        }
    }

    private void record(Admin who, String operation, String type, String resource) {
        if (audit != null) {
            audit.record(new AuditLog.Entry(who.name(), who.source(), operation, type, resource, "", "success", ""));
        }
    }
}
