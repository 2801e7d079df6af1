package io.flotilla.chaos.client.auth;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** {@code Authorization: Basic …} on every request, as {@code curl -u} sends it. */
final class BasicAuth implements RegistryAuth {

    private final String authorization;

    BasicAuth(Credentials credentials) {
        this.authorization = credentials.basicAuthorization();
    }

    @Override
    public <T> HttpResponse<T> send(HttpClient http, HttpRequest.Builder request, HttpResponse.BodyHandler<T> body)
            throws IOException, InterruptedException {
        return http.send(request.setHeader("Authorization", authorization).build(), body);
    }

    @Override
    public String toString() {
        return "BasicAuth";
    }
}
