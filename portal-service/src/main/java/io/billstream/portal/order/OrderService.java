package io.billstream.portal.order;

import io.billstream.events.order.OrderStatus;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * order-service's merchant API, called with the merchant's own token: order-service decides whose the order is and
 * whether it may take the step, exactly as when the merchant calls it; portal-service only acts on its answer.
 */
@Component
public class OrderService {

    private final RestClient orderService;

    OrderService(
            @Value("${billstream.portal.order-service-url}") String url,
            @Value("${billstream.portal.order-service-timeout:5s}") Duration timeout) {
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(
                HttpClient.newBuilder().connectTimeout(timeout).build());
        requests.setReadTimeout(timeout);
        this.orderService =
                RestClient.builder().baseUrl(url).requestFactory(requests).build();
    }

    /** What order-service answered: the order when it is 2xx, else its status and problem body as they came. */
    public sealed interface Answer {
        record Found(UUID orderId, UUID customerId, OrderStatus status) implements Answer {}

        record Refused(HttpStatusCode status, String contentType, byte[] body) implements Answer {}
    }

    /** Thrown when order-service cannot be reached or answers 5xx. */
    public static final class Unavailable extends RuntimeException {
        Unavailable(String detail, Throwable cause) {
            super(detail, cause);
        }
    }

    public Answer get(UUID orderId, String merchantToken) {
        return call("GET", "/api/v1/orders/" + orderId, merchantToken);
    }

    /** The order's "payment link sent" step (DRAFT or REJECTED to PENDING). */
    public Answer paymentLinkSent(UUID orderId, String merchantToken) {
        return call("POST", "/api/v1/orders/" + orderId + "/payment-link", merchantToken);
    }

    private Answer call(String method, String path, String merchantToken) {
        try {
            RestClient.RequestBodySpec request = orderService
                    .method(HttpMethod.valueOf(method))
                    .uri(path)
                    .headers(headers -> headers.setBearerAuth(merchantToken));
            if (method.equals("POST")) {
                request.contentType(MediaType.APPLICATION_JSON).body("{}");
            }
            return request.exchange((sent, response) -> {
                byte[] body = response.getBody().readAllBytes();
                if (response.getStatusCode().is5xxServerError()) {
                    throw new Unavailable(
                            "order-service answered " + response.getStatusCode().value(), null);
                }
                if (!response.getStatusCode().is2xxSuccessful()) {
                    MediaType type = response.getHeaders().getContentType();
                    return new Answer.Refused(
                            response.getStatusCode(),
                            type != null ? type.toString() : "application/problem+json",
                            body);
                }
                JsonNode order = JsonMapper.shared().readTree(body);
                return new Answer.Found(
                        UUID.fromString(order.path("id").asString()),
                        UUID.fromString(order.path("customerId").asString()),
                        OrderStatus.valueOf(order.path("status").asString()));
            });
        } catch (RestClientException unreachable) {
            throw new Unavailable("order-service is not reachable", unreachable);
        }
    }
}
