package io.billstream.gateway;

import java.time.Clock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A portal-service that cannot answer the exchange lets nothing through: 503 problem JSON. In a context of its own:
 * within one test JVM, a request that follows a gateway 5xx on the same context sometimes waits for an answer that
 * never comes (not seen against the packaged gateway; see the gateway canvas, known issues), which would make the
 * tests after it flaky.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient(timeout = "30s")
class PortalUnavailableTest {

    private static final String KEY = "sk_test_key-while-portal-fails";
    private static final StandInPortal portal = new StandInPortal(Clock.systemUTC(), KEY);

    @Autowired
    WebTestClient client;

    @DynamicPropertySource
    static void routes(DynamicPropertyRegistry registry) {
        registry.add("billstream.gateway.routes.portal-service", portal::url);
    }

    @AfterAll
    static void stopPortal() {
        portal.close();
    }

    @Test
    void aPortalServiceThatCannotAnswerGivesServiceUnavailableNotAPass() {
        portal.failing(true);
        client.get()
                .uri("/api/v1/orders")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + KEY)
                .exchange()
                .expectStatus()
                .isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.detail")
                .isEqualTo("portal-service is not reachable, so the API key cannot be checked; try again shortly");
    }
}
