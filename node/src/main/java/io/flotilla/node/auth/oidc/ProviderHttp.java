package io.flotilla.node.auth.oidc;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flotilla.node.auth.oidc.OidcLoginException.Reason;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The provider's HTTP, bounded: every request has a timeout, every body a size limit, and redirects are not
 * followed (a token endpoint that redirects would take the client secret along). A provider that cannot be
 * reached, times out or answers 5xx/429 becomes {@link Reason#PROVIDER_UNAVAILABLE}; what it says is left to
 * the caller to judge.
 */
final class ProviderHttp {
    /** Discovery documents and JWKS are a few KiB; a token response too. More is not a provider we can use. */
    static final int MAX_BODY_BYTES = 512 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A status and its body as text. */
    record Response(int status, String body) {
        boolean serverTrouble() {
            return status >= 500 || status == 429;
        }

        /** The body as a JSON object, or a {@link Reason#BAD_PROVIDER_RESPONSE} naming {@code what} it was. */
        JsonNode jsonObject(String what) {
            JsonNode node;
            try {
                node = JSON.readTree(body);
            } catch (JacksonException e) {
                throw new OidcLoginException(Reason.BAD_PROVIDER_RESPONSE, what + " is not JSON (HTTP " + status + ")", e);
            }
            if (node == null || !node.isObject()) {
                throw new OidcLoginException(Reason.BAD_PROVIDER_RESPONSE, what + " is not a JSON object (HTTP " + status + ")");
            }
            return node;
        }
    }

    private final HttpClient client;
    private final Duration requestTimeout;

    ProviderHttp(HttpClient client, Duration requestTimeout) {
        this.client = client;
        this.requestTimeout = requestTimeout;
    }

    /** GET a JSON document that must come with a 200. */
    JsonNode getJson(URI uri, String what) {
        Response response = send(HttpRequest.newBuilder(uri).timeout(requestTimeout)
                .header("Accept", "application/json").GET().build(), what);
        if (response.serverTrouble()) {
            throw new OidcLoginException(Reason.PROVIDER_UNAVAILABLE, what + " at " + uri + ": HTTP " + response.status());
        }
        if (response.status() != 200) {
            throw new OidcLoginException(Reason.BAD_PROVIDER_RESPONSE, what + " at " + uri + ": HTTP " + response.status());
        }
        return response.jsonObject(what);
    }

    /** POST an application/x-www-form-urlencoded body; {@code authorization} may be null. Any status returns. */
    Response postForm(URI uri, Map<String, String> form, String authorization, String what) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(requestTimeout)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(formEncode(form)));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        Response response = send(request.build(), what);
        if (response.serverTrouble()) {
            throw new OidcLoginException(Reason.PROVIDER_UNAVAILABLE, what + " at " + uri + ": HTTP " + response.status());
        }
        return response;
    }

    static String formEncode(Map<String, String> form) {
        StringJoiner body = new StringJoiner("&");
        form.forEach((name, value) -> body.add(urlEncode(name) + '=' + urlEncode(value)));
        return body.toString();
    }

    static String urlEncode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** A provider's text (an error description) made safe for one log line. */
    static String printable(String text) {
        if (text == null) {
            return "";
        }
        String oneLine = text.replaceAll("\\p{Cntrl}", " ");
        return oneLine.length() <= 200 ? oneLine : oneLine.substring(0, 200) + "...";
    }

    private Response send(HttpRequest request, String what) {
        try {
            HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = response.body()) {
                byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
                if (body.length > MAX_BODY_BYTES) {
                    throw new OidcLoginException(Reason.BAD_PROVIDER_RESPONSE,
                            what + " at " + request.uri() + " is larger than " + MAX_BODY_BYTES + " bytes");
                }
                return new Response(response.statusCode(), new String(body, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            // Refused, reset, timed out: all of them mean "not now", which the user can retry.
            throw new OidcLoginException(Reason.PROVIDER_UNAVAILABLE,
                    what + " at " + request.uri() + ": " + e.getClass().getSimpleName() + " " + printable(e.getMessage()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OidcLoginException(Reason.PROVIDER_UNAVAILABLE, what + ": interrupted", e);
        }
    }
}
