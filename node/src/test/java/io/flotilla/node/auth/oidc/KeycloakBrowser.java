package io.flotilla.node.auth.oidc;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a person's browser does on Keycloak's login page, with the JDK's HttpClient: open the authorization
 * URL, fill in the login form, and stop at the redirect to the callback, which need not be served. It keeps
 * cookies itself: Keycloak marks them Secure, and java.net.CookieManager drops those over plain HTTP.
 */
final class KeycloakBrowser implements AutoCloseable {
    private static final Pattern LOGIN_FORM = Pattern.compile("<form[^>]*\\bid=\"kc-form-login\"[^>]*>");
    private static final Pattern ACTION = Pattern.compile("\\baction=\"([^\"]+)\"");

    /** What Keycloak answered to the login form: the callback's query, or the page it showed instead. */
    record Outcome(Optional<Map<String, String>> callback, String page) {
    }

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, String> cookies = new LinkedHashMap<>();

    /** Logs in as {@code username}; the callback's parameters (code, state, ...) when Keycloak let them in. */
    Outcome login(URI authorizationUrl, URI redirectUri, String username, String password) throws Exception {
        HttpResponse<String> page = get(authorizationUrl);
        if (page.statusCode() != 200) {
            // Keycloak sends a refused authorization request straight back to the callback, with an error.
            Optional<Map<String, String>> early = callback(page, authorizationUrl, redirectUri);
            return new Outcome(early, early.isPresent() ? "" : "HTTP " + page.statusCode() + " " + page.body());
        }
        URI action = loginFormAction(page.body());
        Map<String, String> form = new LinkedHashMap<>();
        form.put("username", username);
        form.put("password", password);
        form.put("credentialId", "");
        HttpResponse<String> response = send(HttpRequest.newBuilder(action)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(ProviderHttp.formEncode(form))));
        for (int hop = 0; hop < 5 && isRedirect(response); hop++) {
            Optional<Map<String, String>> callback = callback(response, action, redirectUri);
            if (callback.isPresent()) {
                return new Outcome(callback, "");
            }
            response = get(action.resolve(response.headers().firstValue("Location").orElseThrow()));
        }
        return new Outcome(Optional.empty(), "HTTP " + response.statusCode() + " " + response.body());
    }

    /** The query of a redirect to the callback address, if {@code response} is one. */
    private static Optional<Map<String, String>> callback(HttpResponse<?> response, URI base, URI redirectUri) {
        if (!isRedirect(response)) {
            return Optional.empty();
        }
        URI next = base.resolve(response.headers().firstValue("Location").orElseThrow());
        return next.toString().startsWith(redirectUri + "?") ? Optional.of(query(next)) : Optional.empty();
    }

    /** GETs a URL with this browser's cookies, not following redirects. */
    HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri).GET());
    }

    @Override
    public void close() {
        http.close();
    }

    static URI loginFormAction(String html) {
        Matcher form = LOGIN_FORM.matcher(html);
        if (!form.find()) {
            throw new AssertionError("no login form on the page:\n" + html);
        }
        Matcher action = ACTION.matcher(form.group());
        if (!action.find()) {
            throw new AssertionError("the login form has no action: " + form.group());
        }
        return URI.create(action.group(1).replace("&amp;", "&"));
    }

    static Map<String, String> query(URI uri) {
        Map<String, String> params = new LinkedHashMap<>();
        String raw = uri.getRawQuery();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                String name = eq < 0 ? pair : pair.substring(0, eq);
                String value = eq < 0 ? "" : pair.substring(eq + 1);
                params.put(URLDecoder.decode(name, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
            }
        }
        return params;
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        if (!cookies.isEmpty()) {
            StringJoiner header = new StringJoiner("; ");
            cookies.forEach((name, value) -> header.add(name + "=" + value));
            request.header("Cookie", header.toString());
        }
        HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        for (String setCookie : response.headers().allValues("Set-Cookie")) {
            String pair = setCookie.split(";", 2)[0];
            int eq = pair.indexOf('=');
            if (eq > 0) {
                String name = pair.substring(0, eq).trim();
                String value = pair.substring(eq + 1).trim();
                if (value.isEmpty() || setCookie.toLowerCase().contains("max-age=0")) {
                    cookies.remove(name);
                } else {
                    cookies.put(name, value);
                }
            }
        }
        return response;
    }

    private static boolean isRedirect(HttpResponse<?> response) {
        return response.statusCode() / 100 == 3 && response.headers().firstValue("Location").isPresent();
    }
}
