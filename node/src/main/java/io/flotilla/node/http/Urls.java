package io.flotilla.node.http;

import io.flotilla.model.Digest;
import io.flotilla.model.RepositoryName;

/**
 * Builds the URLs the API hands out. With no public URL configured they are absolute paths, which are
 * right behind any proxy; with one, they are absolute URLs under it.
 */
public final class Urls {
    private final String base;

    public Urls(String publicUrl) {
        String trimmed = publicUrl == null ? "" : publicUrl.strip();
        this.base = trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
    }

    public String blob(RepositoryName repo, Digest digest) {
        return base + "/v2/" + repo + "/blobs/" + digest;
    }

    public String upload(RepositoryName repo, String uploadId) {
        return base + "/v2/" + repo + "/blobs/uploads/" + uploadId;
    }

    public String manifest(RepositoryName repo, Digest digest) {
        return base + "/v2/" + repo + "/manifests/" + digest;
    }

    /**
     * The token endpoint named in Bearer challenges. Clients need an absolute URL there, so without a public
     * URL it is built from the request's Host, when that is a plain host[:port] (anything else could break
     * out of the quoted challenge).
     */
    public String tokenRealm(String hostHeader) {
        return externalUrl(hostHeader) + "/service/token";
    }

    /** The registry's own URL: the public URL, else {@code http://} and the request's Host when that is plain. */
    public String externalUrl(String hostHeader) {
        if (!base.isEmpty()) {
            return base;
        }
        String host = hostHeader != null && HOST.matcher(hostHeader).matches() ? hostHeader : "localhost";
        return "http://" + host;
    }

    private static final java.util.regex.Pattern HOST = java.util.regex.Pattern.compile("[A-Za-z0-9.\\-]{1,253}(:[0-9]{1,5})?|\\[[0-9A-Fa-f:.]{2,45}](:[0-9]{1,5})?");

    /** The {@code Link} header path of the next page (relative, as the spec's examples give it). */
    public String nextPage(String path, int n, String last) {
        return "<" + path + "?n=" + n + "&last=" + java.net.URLEncoder.encode(last, java.nio.charset.StandardCharsets.UTF_8)
                + ">; rel=\"next\"";
    }
}
