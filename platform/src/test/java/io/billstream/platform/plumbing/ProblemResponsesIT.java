package io.billstream.platform.plumbing;

import static org.assertj.core.api.Assertions.assertThat;

import io.billstream.platform.test.RealInfrastructure;
import io.billstream.platform.test.TestTokens;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Every way a request can fail answers application/problem+json with a detail a caller can act on. */
@SpringBootTest(classes = PlumbingTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
class ProblemResponsesIT {

    private static final JsonMapper json = JsonMapper.builder().build();
    private static final String VALID = """
            {"name": "Gear", "price": {"amount": 1999, "currency": "EUR"}, "quantity": 2}""";

    @LocalServerPort
    int port;

    @Test
    void aValidRequestIsNotAProblem() {
        assertThat(post("/api/v1/widgets", "application/json", VALID).statusCode())
                .isEqualTo(201);
    }

    @Test
    void theApiDocumentNamesARelativeServerSoThatTheGatewaysSwaggerUiCallsTheGateway() {
        HttpResponse<String> document = send("GET", "/v3/api-docs", null, null);
        assertThat(document.statusCode()).isEqualTo(200);
        JsonNode servers = json.readTree(document.body()).path("servers");
        assertThat(servers.size()).isEqualTo(1);
        assertThat(servers.get(0).path("url").asString()).isEqualTo("/");
    }

    @Test
    void unknownPathIs404() {
        assertProblem(send("GET", "/api/v1/nothing-here", null, null), 404);
    }

    @Test
    void wrongMethodIs405() {
        assertProblem(send("DELETE", "/api/v1/widgets", null, null), 405);
    }

    @Test
    void wrongContentTypeIs415() {
        assertProblem(post("/api/v1/widgets", "text/plain", VALID), 415);
    }

    @Test
    void malformedJsonIs400() {
        JsonNode problem = assertProblem(post("/api/v1/widgets", "application/json", "{\"name\": "), 400);
        assertThat(problem.path("detail").asString()).startsWith("The body is not valid JSON");
    }

    @Test
    void anUnknownFieldIsNamed() {
        JsonNode problem = assertProblem(
                post(
                        "/api/v1/widgets",
                        "application/json",
                        VALID.replace("\"quantity\"", "\"colour\": \"red\", \"quantity\"")),
                400);
        assertThat(problem.path("errors").get(0).path("field").asString()).isEqualTo("colour");
    }

    @Test
    void fractionalMinorUnitsAreRefusedForTheAmountField() {
        JsonNode problem =
                assertProblem(post("/api/v1/widgets", "application/json", VALID.replace("1999", "19.99")), 400);
        assertThat(problem.path("errors").get(0).path("field").asString()).isEqualTo("price.amount");
    }

    @Test
    void negativeAmountsAndUnknownCurrenciesAreRefused() {
        JsonNode negative =
                assertProblem(post("/api/v1/widgets", "application/json", VALID.replace("1999", "-5")), 400);
        assertThat(negative.path("detail").asString()).contains("must not be negative");
        JsonNode currency =
                assertProblem(post("/api/v1/widgets", "application/json", VALID.replace("EUR", "EURO")), 400);
        assertThat(currency.path("errors").get(0).path("field").asString()).isEqualTo("price.currency");
    }

    @Test
    void validationErrorsNameEveryFieldAtFault() {
        JsonNode problem = assertProblem(post("/api/v1/widgets", "application/json", """
                        {"name": " ", "price": {"amount": 5, "currency": "EUR"}, "quantity": 0}"""), 400);
        assertThat(problem.path("errors")
                        .valueStream()
                        .map(error -> error.path("field").asString()))
                .containsExactlyInAnyOrder("name", "quantity");
    }

    @Test
    void aDomainRefusalCarriesItsStatusAndProperties() {
        JsonNode problem =
                assertProblem(post("/api/v1/widgets/" + UUID.randomUUID() + "/archive", "application/json", ""), 409);
        assertThat(problem.path("title").asString()).isEqualTo("Transition not allowed");
        assertThat(problem.path("currentStatus").asString()).isEqualTo("SHIPPED");
    }

    @Test
    void aMissingResourceOfTheDomainIs404() {
        assertProblem(send("GET", "/api/v1/widgets/" + UUID.randomUUID(), null, null), 404);
    }

    @Test
    void anUnexpectedFailureIs500WithoutInternals() {
        JsonNode problem = assertProblem(send("GET", "/api/v1/boom", null, null), 500);
        assertThat(problem.toString()).doesNotContain("secret internal detail").doesNotContain("Exception");
    }

    private JsonNode assertProblem(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = json.readTree(response.body());
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("title").asString()).isNotBlank();
        assertThat(problem.path("detail").asString()).isNotBlank();
        assertThat(problem.path("requestId").asString())
                .isEqualTo(response.headers().firstValue("X-Request-Id").orElseThrow());
        return problem;
    }

    private HttpResponse<String> post(String path, String contentType, String body) {
        return send("POST", path, contentType, body);
    }

    private HttpResponse<String> send(String method, String path, String contentType, String body) {
        HttpRequest.Builder request = HttpCalls.request(port, path)
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Authorization", "Bearer " + TestTokens.merchant(UUID.randomUUID()));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return HttpCalls.send(request);
    }
}
