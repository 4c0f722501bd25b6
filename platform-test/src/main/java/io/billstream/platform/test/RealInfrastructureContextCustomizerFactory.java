package io.billstream.platform.test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.TestContextAnnotationUtils;

/**
 * Connects every application context of a {@link RealInfrastructure} test to the shared servers. The customizer is
 * part of the context cache key, so contexts are still shared between test classes of the same configuration; each
 * new context gets a fresh database.
 */
class RealInfrastructureContextCustomizerFactory implements ContextCustomizerFactory {

    @Override
    public ContextCustomizer createContextCustomizer(
            Class<?> testClass, List<ContextConfigurationAttributes> configAttributes) {
        RealInfrastructure annotation =
                TestContextAnnotationUtils.findMergedAnnotation(testClass, RealInfrastructure.class);
        return annotation == null ? null : new Customizer(annotation.mail());
    }

    private record Customizer(boolean mail) implements ContextCustomizer {

        @Override
        public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
            TestInfrastructure.servesTestContexts();
            var database = TestInfrastructure.newDatabase();
            Map<String, Object> properties = new HashMap<>();
            properties.put("spring.datasource.url", database.url());
            properties.put("spring.datasource.username", database.username());
            properties.put("spring.datasource.password", database.password());
            properties.put(
                    "spring.kafka.bootstrap-servers", TestInfrastructure.kafka().bootstrapServers());
            // Contexts stay cached side by side on the shared broker; one consumer group each keeps one context's
            // listeners from taking the partitions, and the events, of another's. Each group starts at the end of the
            // topics whenever its listeners start (ConsumersStartAtTheEnd).
            properties.put("spring.kafka.consumer.group-id", "${spring.application.name}-" + database.database());
            properties.put("billstream.security.issuer", TestTokens.ISSUER);
            properties.put("billstream.security.audience", TestTokens.AUDIENCE);
            properties.put("billstream.security.jwks-uri", TestTokens.jwksUri());
            // The service's own token, and the other services it asks how far their subjects have gone (ADR 13).
            properties.putAll(StandInOwners.settings());
            if (mail) {
                properties.put("spring.mail.host", "localhost");
                properties.put("spring.mail.port", TestMailServer.smtpPort());
            }
            context.getEnvironment()
                    .getPropertySources()
                    .addFirst(new MapPropertySource("billstream-real-infrastructure", properties));
            context.getBeanFactory()
                    .registerSingleton("consumersStartAtTheEnd", new ConsumersStartAtTheEnd(context.getEnvironment()));
        }
    }
}
