package io.billstream.devstack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Asks a service's readiness probe whether it takes traffic yet. */
final class Readiness {

    static final String PATH = "/actuator/health/readiness";

    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(1))
            .build();

    static String url(int port) {
        return "http://localhost:" + port + PATH;
    }

    /** Ready means 200 with status UP; a refused connection or any other answer means "not yet". */
    boolean isReady(int port) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url(port)))
                .timeout(Duration.ofSeconds(2))
                .GET()
                .build();
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200
                    && response.body().replaceAll("\\s", "").contains("\"status\":\"UP\"");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
