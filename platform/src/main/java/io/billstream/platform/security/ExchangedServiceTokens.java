package io.billstream.platform.security;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * The service's credential ({@code billstream.security.service-credential}) exchanged at portal-service
 * ({@code billstream.security.token-uri}) for a service token, kept until shortly before it expires.
 */
public class ExchangedServiceTokens implements ServiceTokens {

    /** A token is renewed this long before it expires, so that none reaches a service about to expire. */
    static final Duration RENEW_BEFORE = Duration.ofSeconds(30);

    private final RestClient exchange;
    private final String credential;
    private final Clock clock;
    private volatile Issued current;

    private record Issued(String token, Instant expiresAt) {}

    public ExchangedServiceTokens(URI tokenUri, String credential, Duration timeout) {
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(
                HttpClient.newBuilder().connectTimeout(timeout).build());
        requests.setReadTimeout(timeout);
        this.exchange = RestClient.builder()
                .baseUrl(tokenUri.toString())
                .requestFactory(requests)
                .build();
        this.credential = credential;
        // Against the real time, not the service's Clock: the token expires by its issuer's clock, and a test that
        // moves the service's time must not make it keep an expired token.
        this.clock = Clock.systemUTC();
    }

    /** Asks portal-service for a new token when the kept one is about to expire. */
    @Override
    public String token() {
        Issued issued = current;
        if (issued == null || !clock.instant().isBefore(issued.expiresAt().minus(RENEW_BEFORE))) {
            synchronized (this) {
                issued = current;
                if (issued == null
                        || !clock.instant().isBefore(issued.expiresAt().minus(RENEW_BEFORE))) {
                    current = issued = exchange();
                }
            }
        }
        return issued.token();
    }

    private Issued exchange() {
        if (credential == null || credential.isBlank()) {
            throw new ServiceTokens.NoServiceToken(
                    "this service has no credential (billstream.security.service-credential)");
        }
        try {
            Issued issued = exchange.post()
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("credential", credential))
                    .retrieve()
                    .body(Issued.class);
            if (issued == null || issued.token() == null || issued.expiresAt() == null) {
                throw new ServiceTokens.NoServiceToken("portal-service answered no token");
            }
            return issued;
        } catch (RestClientException e) {
            throw new ServiceTokens.NoServiceToken("portal-service did not exchange the credential: " + e.getMessage());
        }
    }
}
