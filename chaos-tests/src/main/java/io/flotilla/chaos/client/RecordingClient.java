package io.flotilla.chaos.client;

import io.flotilla.chaos.client.auth.TokenFetchException;
import io.flotilla.chaos.history.History;
import io.flotilla.chaos.history.Op;
import java.io.ByteArrayInputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Jepsen's "client": wraps {@link OciClient} so that every operation is recorded in the {@link History} as an
 * INVOKE followed by exactly one completion:
 * <ul>
 *   <li>OK: the registry answered success (pull-tag's 404 is an OK read of "no tag", value null);</li>
 *   <li>FAIL: the operation certainly did not take effect: a 4xx in the OCI error envelope (a 401 included:
 *       the node answered, refusing the request before any handler ran), the connection was never made, or no
 *       token could be had (the token endpoint failed or timed out), so the request was not sent, or not again
 *       after its 401;</li>
 *   <li>INFO: it may or may not have taken effect: a timeout, a reset after sending, a 5xx (the registry's
 *       UNAVAILABLE may follow a metadata write whose outcome is unknown), or a balancer's 502/504 for a
 *       request a node may have applied before dying.</li>
 * </ul>
 * A read has no effect, so a read that does not answer cleanly is a FAIL (it constrains nothing).
 */
public final class RecordingClient {

    private final OciClient oci;
    private final History history;
    private final URI base;

    public RecordingClient(OciClient oci, History history, URI base) {
        this.oci = oci;
        this.history = history;
        this.base = base;
    }

    /** POST + PUT of a whole blob. Key: its digest; value: the repository. */
    public Op pushBlob(int process, String repo, byte[] content) {
        String digest = Descriptor.of(Descriptor.LAYER, content).digest();
        return write(history.invoke(process, "push-blob", digest, repo), () -> {
            OciResponse res = oci.pushBlob(base, repo, content);
            return res.status() == 201 ? Result.ok(repo) : Result.error(res);
        });
    }

    /**
     * PUT of a manifest by its digest. Key: the manifest's digest; value: the repository; refs: the blobs it names.
     */
    public Op pushManifest(int process, String repo, String digest, byte[] manifest) {
        return write(history.invoke(process, "push-manifest", digest, repo, ManifestRefs.of(manifest)), () -> {
            OciResponse res = oci.pushManifest(base, repo, digest, manifest, ImageManifest.MEDIA_TYPE);
            return res.status() == 201 ? Result.ok(repo) : Result.error(res);
        });
    }

    /**
     * PUT of a manifest by tag: the tag now names it (and the manifest exists, if it did not). Key: "repo:tag";
     * value: the manifest's digest; refs: the blobs it names.
     */
    public Op moveTag(int process, String repo, String tag, String digest, byte[] manifest) {
        return write(history.invoke(process, "move-tag", repo + ":" + tag, digest, ManifestRefs.of(manifest)), () -> {
            OciResponse res = oci.pushManifest(base, repo, tag, manifest, ImageManifest.MEDIA_TYPE);
            return res.status() == 201 ? Result.ok(digest) : Result.error(res);
        });
    }

    /** DELETE of a manifest by digest. Key: its digest; value: the repository. */
    public Op deleteManifest(int process, String repo, String digest) {
        return write(history.invoke(process, "delete", digest, repo), () -> {
            OciResponse res = oci.deleteManifest(base, repo, digest);
            return res.status() == 202 ? Result.ok(repo) : Result.error(res);
        });
    }

    /** GET a manifest by tag. Key: "repo:tag"; OK value: sha256 of the bytes received, or null on 404. */
    public Op pullTag(int process, String repo, String tag) {
        return read(history.invoke(process, "pull-tag", repo + ":" + tag, null), () -> {
            OciResponse res = oci.getManifest(base, repo, tag);
            if (res.status() == 404) {
                return Result.ok(null);
            }
            return res.status() == 200 ? Result.ok(sha256(res.body())) : Result.error(res);
        });
    }

    /** GET a blob by digest. Key: the digest; OK value: sha256 of the bytes received. */
    public Op pullBlob(int process, String repo, String digest) {
        return read(history.invoke(process, "pull-digest", digest, null), () -> {
            OciResponse res = oci.getBlob(base, repo, digest, Optional.empty());
            return res.status() == 200 ? Result.ok(sha256(res.body())) : Result.error(res);
        });
    }

    /**
     * HEAD of a blob, as a client asks before deciding whether to upload a layer. Key: the digest; OK (value
     * null) when it is there; a 404 is a FAIL whose error starts with "404".
     */
    public Op headBlob(int process, String repo, String digest) {
        return read(history.invoke(process, "head-blob", digest, null), () -> {
            OciResponse res = oci.headBlob(base, repo, digest);
            return res.status() == 200 ? Result.ok(null) : Result.error(res);
        });
    }

    /** GET a manifest by digest. Key: the digest; OK value: sha256 of the bytes received. */
    public Op pullManifest(int process, String repo, String digest) {
        return read(history.invoke(process, "pull-digest", digest, null), () -> {
            OciResponse res = oci.getManifest(base, repo, digest);
            return res.status() == 200 ? Result.ok(sha256(res.body())) : Result.error(res);
        });
    }

    private static String sha256(byte[] bytes) {
        return Descriptor.of(Descriptor.LAYER, bytes).digest();
    }

    private Op write(Op invoke, Supplier<Result> call) {
        return complete(invoke, call, Op.Type.INFO);
    }

    private Op read(Op invoke, Supplier<Result> call) {
        return complete(invoke, call, Op.Type.FAIL);
    }

    /** {@code unsure}: what an answer that may hide an effect is recorded as (INFO for writes). */
    private Op complete(Op invoke, Supplier<Result> call, Op.Type unsure) {
        Result r;
        try {
            r = call.get();
        } catch (TokenFetchException e) {
            // Before this, the request was either not sent or refused with a 401; no handler ran, so even a
            // token fetch that timed out leaves the operation without effect.
            return history.complete(invoke, Op.Type.FAIL, null, describe(e));
        } catch (UncheckedIOException e) {
            boolean neverSent = e.getCause() instanceof ConnectException
                    || e.getCause() instanceof HttpConnectTimeoutException;
            return history.complete(invoke, neverSent ? Op.Type.FAIL : unsure, null, describe(e.getCause()));
        } catch (RuntimeException e) {
            return history.complete(invoke, unsure, null, describe(e));
        }
        if (r.ok()) {
            return history.complete(invoke, Op.Type.OK, r.value(), null);
        }
        return history.complete(invoke, r.clean() ? Op.Type.FAIL : unsure, null, r.error());
    }

    private static String describe(Throwable t) {
        String message = t.getMessage();
        return t.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    /** What a call answered: OK with a value, or an error that is clean (a refusal: no effect) or not. */
    private record Result(boolean ok, String value, boolean clean, String error) {
        static Result ok(String value) {
            return new Result(true, value, false, null);
        }

        static Result error(OciResponse res) {
            String reason = res.status() + res.errorCode().map(c -> " " + c).orElse("");
            // A 4xx refuses the request; a 5xx (e.g. UNAVAILABLE when Cassandra timed out mid-write) may hide
            // a write that took effect, so only a 4xx rules the effect out.
            return new Result(false, null, res.isCleanOciError() && res.status() < 500, reason);
        }
    }
}
