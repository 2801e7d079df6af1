package io.flotilla.chaos.client.auth;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Requests as they are, without credentials. */
enum NoAuth implements RegistryAuth {
    INSTANCE;

    @Override
    public <T> HttpResponse<T> send(HttpClient http, HttpRequest.Builder request, HttpResponse.BodyHandler<T> body)
            throws IOException, InterruptedException {
        return http.send(request.build(), body);
    }
}
