package io.billstream.platform.copy;

import io.billstream.events.Topics;
import io.billstream.platform.copy.EventVersionsController.Answer;
import io.billstream.platform.copy.EventVersionsController.Question;
import io.billstream.platform.security.ServiceTokens;
import io.billstream.platform.security.ServiceTokens.NoServiceToken;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * Asks the service that owns a topic ({@link Topics#ownerOf}) how far the events of some of its subjects have gone,
 * with this service's own token, within a time limit and behind a circuit breaker named after the owner.
 */
class EventVersionsClient {

    private final Map<String, URI> services;
    private final ServiceTokens tokens;
    private final CircuitBreakerRegistry breakers;
    private final JdkClientHttpRequestFactory requests;
    private final Map<String, RestClient> clients = new ConcurrentHashMap<>();

    EventVersionsClient(
            Map<String, URI> services, ServiceTokens tokens, CircuitBreakerRegistry breakers, Duration timeout) {
        this.services = Map.copyOf(services);
        this.tokens = tokens;
        this.breakers = breakers;
        this.requests = new JdkClientHttpRequestFactory(
                HttpClient.newBuilder().connectTimeout(timeout).build());
        this.requests.setReadTimeout(timeout);
    }

    /** The subjects the owner knows, by id; throws {@link OwnerUnavailable} when it cannot be asked. */
    Map<UUID, SubjectVersion> versions(String topic, Collection<UUID> subjects) {
        String owner = Topics.ownerOf(topic);
        RestClient client = client(owner);
        CircuitBreaker breaker = breakers.circuitBreaker(owner);
        try {
            Answer answer = breaker.executeSupplier(() -> client.post()
                    .uri(EventVersionsController.PATH)
                    .headers(headers -> headers.setBearerAuth(tokens.token()))
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(new Question(topic, List.copyOf(subjects)))
                    .retrieve()
                    .body(Answer.class));
            Map<UUID, SubjectVersion> known = new HashMap<>();
            if (answer != null && answer.subjects() != null) {
                answer.subjects().forEach(version -> known.put(version.subject(), version));
            }
            return known;
        } catch (CallNotPermittedException open) {
            throw new OwnerUnavailable(owner, "it has been failing; its circuit breaker is open");
        } catch (NoServiceToken noToken) {
            throw new OwnerUnavailable(owner, "no service token: " + noToken.getMessage());
        } catch (RestClientException failed) {
            throw new OwnerUnavailable(
                    owner,
                    "no answer in time, or a refusal: " + failed.getClass().getSimpleName());
        }
    }

    private RestClient client(String owner) {
        return clients.computeIfAbsent(owner, name -> {
            URI address = services.get(name);
            if (address == null) {
                throw new IllegalStateException("no address of " + name + ": set billstream.services." + name);
            }
            return RestClient.builder()
                    .baseUrl(address.toString())
                    .requestFactory(requests)
                    .build();
        });
    }
}
