package io.billstream.gateway.auth;

import io.netty.channel.ChannelOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

/**
 * Exchanges the credential a caller presents (a merchant's API key, the operator's credential) at portal-service for an
 * internal token, and keeps the token until shortly before it expires: a merchant's burst of requests costs one
 * exchange per token lifetime, not one per request. A revoked key therefore works at most until its cached token is
 * renewed, within the token's lifetime (a minute for merchants).
 *
 * <p>The cache is keyed by the credential's SHA-256, so the gateway's memory never holds a usable key.
 */
@Component
final class CredentialExchange {

    /** Past this many cached tokens, expired ones are dropped; each live one belongs to a credential in use. */
    private static final int PRUNE_ABOVE = 10_000;

    private final WebClient portal;
    private final Clock clock;
    private final Duration renewBefore;
    private final Map<String, IssuedToken> tokens = new ConcurrentHashMap<>();

    CredentialExchange(
            @Value("${billstream.gateway.routes.portal-service:http://localhost:8083}") String portalUrl,
            @Value("${billstream.gateway.authentication.renew-before:15s}") Duration renewBefore,
            @Value("${billstream.gateway.authentication.exchange-timeout:5s}") Duration timeout,
            Clock clock) {
        HttpClient http = HttpClient.create()
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(timeout.toMillis(), 2_000))
                .responseTimeout(timeout);
        this.portal = WebClient.builder()
                .baseUrl(portalUrl)
                .clientConnector(new ReactorClientHttpConnector(http))
                .build();
        this.clock = clock;
        this.renewBefore = renewBefore;
    }

    /**
     * The internal token for this credential; empty when portal-service refuses the credential; an error when
     * portal-service cannot be asked.
     */
    Mono<Optional<String>> tokenFor(String credential) {
        String digest = CredentialDigest.of(credential);
        IssuedToken cached = tokens.get(digest);
        if (cached != null && clock.instant().isBefore(cached.expiresAt().minus(renewBefore))) {
            return Mono.just(Optional.of(cached.token()));
        }
        return portal.post()
                .uri("/internal/v1/tokens")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("credential", credential))
                .exchangeToMono(response -> {
                    if (response.statusCode().is2xxSuccessful()) {
                        return response.bodyToMono(IssuedToken.class).map(issued -> {
                            remember(digest, issued);
                            return Optional.of(issued.token());
                        });
                    }
                    int status = response.statusCode().value();
                    if (status == HttpStatus.UNAUTHORIZED.value() || status == HttpStatus.BAD_REQUEST.value()) {
                        tokens.remove(digest);
                        return response.releaseBody().thenReturn(Optional.<String>empty());
                    }
                    return response.createError();
                });
    }

    private void remember(String digest, IssuedToken issued) {
        if (tokens.size() >= PRUNE_ABOVE) {
            Instant now = clock.instant();
            tokens.values().removeIf(token -> !now.isBefore(token.expiresAt()));
        }
        tokens.put(digest, issued);
    }

    /** portal-service's answer: the token and the instant it expires (its {@code exp}). */
    record IssuedToken(String token, Instant expiresAt) {}
}
