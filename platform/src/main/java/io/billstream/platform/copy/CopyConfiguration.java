package io.billstream.platform.copy;

import io.billstream.platform.security.ExchangedServiceTokens;
import io.billstream.platform.security.ServiceTokens;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Every service answers how far its subjects' events have gone, and may ask the owners of the topics it follows. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({CopyConfiguration.CopySettings.class, CopyConfiguration.ServiceSettings.class})
public class CopyConfiguration {

    /**
     * @param catchUp how long a follower waits for its copy to catch up before it answers 503
     * @param timeout the time limit of one question to an owner
     */
    @ConfigurationProperties("billstream.copies")
    record CopySettings(
            @DefaultValue("2s") Duration catchUp,
            @DefaultValue("2s") Duration timeout) {}

    /**
     * Where the platform's services answer ({@code billstream.services.order-service}, in the environment
     * {@code BILLSTREAM_SERVICES_ORDERSERVICE}), and how this service gets its own token to call them.
     *
     * @param tokenUri portal-service's exchange of a service credential for a service token
     * @param credential this service's credential; each deployment brings its own
     */
    @ConfigurationProperties("billstream.services")
    record ServiceSettings(
            URI orderService,
            URI billingService,
            URI portalService,
            URI notificationService,
            URI documentService,
            URI tokenUri,
            String credential) {

        /** The addresses by service name, as {@link io.billstream.events.Topics#OWNERS} names the services. */
        Map<String, URI> addresses() {
            Map<String, URI> addresses = new java.util.HashMap<>();
            addresses.put("order-service", orderService);
            addresses.put("billing-service", billingService);
            addresses.put("portal-service", portalService);
            addresses.put("notification-service", notificationService);
            addresses.put("document-service", documentService);
            addresses.values().removeIf(java.util.Objects::isNull);
            return addresses;
        }
    }

    @Bean
    EventVersionsController eventVersionsController(DataSource dataSource) {
        return new EventVersionsController(new EventVersions(JdbcClient.create(dataSource)));
    }

    @Bean
    @ConditionalOnMissingBean
    ServiceTokens serviceTokens(ServiceSettings services, CopySettings settings) {
        return new ExchangedServiceTokens(services.tokenUri(), services.credential(), settings.timeout());
    }

    @Bean
    Copies copies(
            ServiceSettings services,
            CopySettings settings,
            ServiceTokens tokens,
            ObjectProvider<CircuitBreakerRegistry> breakers) {
        return new Copies(
                new EventVersionsClient(
                        services.addresses(),
                        tokens,
                        breakers.getIfAvailable(CircuitBreakerRegistry::ofDefaults),
                        settings.timeout()),
                settings.catchUp());
    }
}
