package io.billstream.portal.notify;

import io.billstream.platform.security.ServiceTokens;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * notification-service's internal endpoint for messages carrying a secret (a one-time code, an invitation, reset or
 * payment link), called with a service token of portal-service. The request id makes a repeated request harmless:
 * notification-service queues one message per id, so an answer lost on the way is simply asked again.
 */
@Component
public class SecretMessages {

    private static final Logger log = LoggerFactory.getLogger(SecretMessages.class);

    private final RestClient notificationService;
    private final ServiceTokens tokens;

    SecretMessages(
            @Value("${billstream.portal.notification-service-url}") String url,
            @Value("${billstream.portal.notification-timeout:5s}") Duration timeout,
            ServiceTokens tokens) {
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(
                HttpClient.newBuilder().connectTimeout(timeout).build());
        requests.setReadTimeout(timeout);
        this.notificationService =
                RestClient.builder().baseUrl(url).requestFactory(requests).build();
        this.tokens = tokens;
    }

    /** What became of a request. */
    public enum Outcome {
        /** Queued by notification-service; it delivers and retries from here. */
        ACCEPTED,
        /** Not now (notification-service away, or the customer not known there yet): ask again later. */
        RETRY_LATER,
        /** Refused as it is: asking again would not help. */
        REFUSED
    }

    /** A message to send, with exactly one of {@code code} and {@code link}. */
    public record Message(
            UUID requestId,
            String template,
            UUID merchantId,
            UUID customerId,
            @Nullable UUID orderId,
            @Nullable String code,
            @Nullable String link,
            Instant expiresAt) {}

    public Outcome send(Message message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("requestId", message.requestId());
        body.put("template", message.template());
        body.put("merchantId", message.merchantId());
        body.put("customerId", message.customerId());
        body.put("orderId", message.orderId());
        body.put("code", message.code());
        body.put("link", message.link());
        body.put("expiresAt", message.expiresAt());
        try {
            return notificationService
                    .post()
                    .uri("/internal/v1/messages")
                    .headers(headers -> headers.setBearerAuth(tokens.token()))
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(body)
                    .exchange((request, response) -> {
                        int status = response.getStatusCode().value();
                        if (response.getStatusCode().is2xxSuccessful()) {
                            return Outcome.ACCEPTED;
                        }
                        if (status == 503
                                || status == 429
                                || response.getStatusCode().is5xxServerError()) {
                            return Outcome.RETRY_LATER;
                        }
                        log.error(
                                "notification-service refused a {} message requestId='{}' status='{}'",
                                message.template(),
                                message.requestId(),
                                status);
                        return Outcome.REFUSED;
                    });
        } catch (RestClientException unreachable) {
            log.warn(
                    "notification-service not reachable for a {} message requestId='{}' cause='{}'",
                    message.template(),
                    message.requestId(),
                    unreachable.toString());
            return Outcome.RETRY_LATER;
        }
    }
}
