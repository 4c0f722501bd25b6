package io.billstream.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;

class BrowserRefusalsTest {

    @Test
    void aBrowserAskingForAPortalPageGetsAPageInTheFirstLanguageThePortalSpeaks() {
        MockServerHttpRequest request = MockServerHttpRequest.get("/portal/m1")
                .header(HttpHeaders.ACCEPT, "text/html,*/*;q=0.8")
                .header(HttpHeaders.ACCEPT_LANGUAGE, "it-IT,it;q=0.9,fr;q=0.8")
                .build();

        assertThat(BrowserRefusals.wantAPage(request)).isTrue();
        String page = new String(
                BrowserRefusals.page(request, HttpStatus.SERVICE_UNAVAILABLE, new HttpHeaders()),
                StandardCharsets.UTF_8);
        assertThat(page)
                .contains("<html lang=\"fr\">")
                .contains("Le portail n&#39;est pas disponible pour le moment")
                .contains("Rien de ce que vous avez envoyé");
    }

    @Test
    void anApiPathOrAClientThatAcceptsAnythingGetsTheProblem() {
        assertThat(BrowserRefusals.wantAPage(MockServerHttpRequest.get("/api/v1/orders")
                        .header(HttpHeaders.ACCEPT, "text/html")
                        .build()))
                .isFalse();
        assertThat(BrowserRefusals.wantAPage(MockServerHttpRequest.get("/portal/m1")
                        .header(HttpHeaders.ACCEPT, "*/*")
                        .build()))
                .isFalse();
    }

    @Test
    void aLanguageThePortalDoesNotSpeakFallsBackToEnglish() {
        MockServerHttpRequest request = MockServerHttpRequest.get("/login/m1/nowhere")
                .header(HttpHeaders.ACCEPT, "text/html")
                .header(HttpHeaders.ACCEPT_LANGUAGE, "ja")
                .build();

        String page = new String(
                BrowserRefusals.page(request, HttpStatus.NOT_FOUND, new HttpHeaders()), StandardCharsets.UTF_8);
        assertThat(page).contains("<html lang=\"en\">").contains("Page not found");
    }
}
