package io.flotilla.chaos.client.auth;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * How a client signs its requests to a registry. A policy may send a request twice (after a 401 challenge) or
 * fetch a token first, so request bodies must be re-readable ({@link HttpRequest.BodyPublishers#ofInputStream}
 * with a supplier that opens a new stream each time is). Transport failures of the request itself surface as
 * the {@link IOException} it threw; a request that could not be authorised and so was not sent (again) is a
 * {@link TokenFetchException}.
 */
public interface RegistryAuth {

    <T> HttpResponse<T> send(HttpClient http, HttpRequest.Builder request, HttpResponse.BodyHandler<T> body)
            throws IOException, InterruptedException;

    /** Docker token auth with these credentials (what the harness uses); token fetches time out after {@code timeout}. */
    static RegistryAuth tokens(Credentials credentials, Duration timeout) {
        return new TokenAuth(credentials, timeout, java.time.Clock.systemUTC());
    }

    /** {@link #tokens(Credentials, Duration)} with 30 s for each token fetch. */
    static RegistryAuth tokens(Credentials credentials) {
        return tokens(credentials, Duration.ofSeconds(30));
    }

    /** Basic credentials on every request: the registry checks (a cached) password each time. */
    static RegistryAuth basic(Credentials credentials) {
        return new BasicAuth(credentials);
    }

    /** No credentials at all: for servers without access control (the unit tests' fakes). */
    static RegistryAuth none() {
        return NoAuth.INSTANCE;
    }
}
