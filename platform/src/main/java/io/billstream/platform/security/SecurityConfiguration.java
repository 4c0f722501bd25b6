package io.billstream.platform.security;

import io.billstream.platform.web.ProblemResponses;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.client.RestTemplate;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Every service is an OAuth2 resource server that trusts only portal-service's tokens: signature by a key of the
 * configured JWKS, an allowed algorithm, the issuer, the audience, and a present, unexpired {@code exp}. Health,
 * info, metrics and API docs stay open, and the paths a service names in {@code billstream.security.open-paths};
 * everything else needs a token. Refusals are problem responses.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

    static final String[] OPEN_PATHS = {
        "/actuator/health",
        "/actuator/health/**",
        "/actuator/info",
        "/actuator/prometheus",
        "/v3/api-docs",
        "/v3/api-docs/**",
        "/swagger-ui.html",
        "/swagger-ui/**",
        "/error"
    };

    @Bean
    @ConditionalOnMissingBean(SecurityFilterChain.class)
    SecurityFilterChain internalTokenSecurity(
            HttpSecurity http,
            JwtDecoder decoder,
            ProblemResponses problems,
            @Value("${billstream.security.open-paths:}") String[] serviceOpenPaths)
            throws Exception {
        SecurityProblems refusals = new SecurityProblems(problems);
        return http
                // Bearer tokens, no cookies: there is no session to ride on, so CSRF protection has nothing to guard.
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                // Nothing to log out of; and a service's own /logout (portal-service's) must reach the service.
                .logout(logout -> logout.disable())
                .authorizeHttpRequests(requests -> {
                    requests.requestMatchers(OPEN_PATHS).permitAll();
                    if (serviceOpenPaths.length > 0) {
                        // What a service serves to anyone by design, such as the sandbox processor's card fields.
                        requests.requestMatchers(serviceOpenPaths).permitAll();
                    }
                    requests.anyRequest().authenticated();
                })
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .jwt(jwt -> jwt.decoder(decoder))
                        .authenticationEntryPoint(refusals)
                        .accessDeniedHandler(refusals))
                .exceptionHandling(exceptions ->
                        exceptions.authenticationEntryPoint(refusals).accessDeniedHandler(refusals))
                .build();
    }

    @Bean
    @ConditionalOnMissingBean
    JwtDecoder internalTokenDecoder(
            @Value("${billstream.security.jwks-uri}") String jwksUri,
            @Value("${billstream.security.issuer}") String issuer,
            @Value("${billstream.security.audience}") String audience,
            @Value("${billstream.security.algorithms:RS256,ES256}") List<String> algorithms,
            @Value("${billstream.security.clock-skew:30s}") Duration clockSkew) {
        // Against the real time, not the service's Clock: tokens are stamped by their issuer's clock, and a test that
        // moves a service's time ahead must not make every token it is called with look expired.
        return decoder(jwksUri, issuer, audience, algorithms, clockSkew, Clock.systemUTC());
    }

    /**
     * The check every service makes of an internal token, as a decoder of its own: portal-service's tests verify the
     * tokens it issues with it.
     */
    public static JwtDecoder decoder(
            String jwksUri, String issuer, String audience, List<String> algorithms, Duration clockSkew, Clock clock) {
        // A hanging key server must not hang every request that waits to have its token checked.
        SimpleClientHttpRequestFactory keyServer = new SimpleClientHttpRequestFactory();
        keyServer.setConnectTimeout(Duration.ofSeconds(2));
        keyServer.setReadTimeout(Duration.ofSeconds(2));
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(jwksUri)
                .jwsAlgorithms(allowed -> algorithms.forEach(name -> allowed.add(SignatureAlgorithm.from(name))))
                .restOperations(new RestTemplate(keyServer))
                .build();
        JwtTimestampValidator timestamps = new JwtTimestampValidator(clockSkew);
        timestamps.setClock(clock);
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
                required(JwtClaimNames.EXP),
                timestamps,
                new JwtIssuerValidator(issuer),
                audience(audience),
                signedWithAnAllowedAlgorithm(algorithms),
                validCaller()));
        return decoder;
    }

    @Bean
    WebMvcConfigurer callerArguments() {
        return new WebMvcConfigurer() {
            @Override
            public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
                resolvers.add(new CallerArgumentResolver());
            }
        };
    }

    private static OAuth2TokenValidator<Jwt> required(String claim) {
        return jwt -> jwt.hasClaim(claim)
                ? OAuth2TokenValidatorResult.success()
                : OAuth2TokenValidatorResult.failure(
                        new OAuth2Error("invalid_token", "The token has no '" + claim + "' claim", null));
    }

    /**
     * The decoder's algorithm list only chooses which keys to try; a key published without an {@code alg} verifies
     * any algorithm of its type. The header's algorithm is checked against the allow-list here.
     */
    private static OAuth2TokenValidator<Jwt> signedWithAnAllowedAlgorithm(List<String> algorithms) {
        return jwt -> algorithms.contains(String.valueOf(jwt.getHeaders().get("alg")))
                ? OAuth2TokenValidatorResult.success()
                : OAuth2TokenValidatorResult.failure(new OAuth2Error(
                        "invalid_token", "The token is signed with an algorithm that is not allowed", null));
    }

    /** The caller claims must describe a caller, or the token is invalid (401), not a server error later. */
    private static OAuth2TokenValidator<Jwt> validCaller() {
        return jwt -> {
            try {
                Callers.of(jwt);
                return OAuth2TokenValidatorResult.success();
            } catch (RuntimeException e) {
                return OAuth2TokenValidatorResult.failure(
                        new OAuth2Error("invalid_token", "The token does not name a valid caller", null));
            }
        };
    }

    private static OAuth2TokenValidator<Jwt> audience(String audience) {
        return jwt -> jwt.getAudience() != null && jwt.getAudience().contains(audience)
                ? OAuth2TokenValidatorResult.success()
                : OAuth2TokenValidatorResult.failure(new OAuth2Error(
                        "invalid_token", "The token is not meant for audience '" + audience + "'", null));
    }

    /** Lets controllers take the {@link Caller} as a parameter. */
    private static final class CallerArgumentResolver implements HandlerMethodArgumentResolver {

        @Override
        public boolean supportsParameter(MethodParameter parameter) {
            return parameter.getParameterType() == Caller.class;
        }

        @Override
        public Caller resolveArgument(
                MethodParameter parameter,
                ModelAndViewContainer container,
                NativeWebRequest request,
                WebDataBinderFactory binders) {
            return Objects.requireNonNull(Callers.current().orElse(null), "no verified caller on this request");
        }
    }
}
