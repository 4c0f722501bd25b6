package io.billstream.platform.test;

import io.billstream.events.EventJson;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import tools.jackson.databind.JsonNode;

/** Calls a running service's API as a client would: a bearer token, a JSON body, an optional Idempotency-Key. */
public final class ApiClient {

    private static final HttpClient http = HttpClient.newHttpClient();

    private final int port;

    public ApiClient(int port) {
        this.port = port;
    }

    /** The response body as JSON, read as the contract reads it. */
    public static JsonNode json(HttpResponse<String> response) {
        return EventJson.mapper().readTree(response.body());
    }

    public HttpResponse<String> get(String path, String token) {
        return send("GET", path, token, null, null);
    }

    public HttpResponse<String> post(String path, String token, String body) {
        return send("POST", path, token, body, null);
    }

    public HttpResponse<String> put(String path, String token, String body) {
        return send("PUT", path, token, body, null);
    }

    public HttpResponse<String> send(String method, String path, String token, String body) {
        return send(method, path, token, body, null);
    }

    public HttpResponse<String> send(String method, String path, String token, String body, String idempotencyKey) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
