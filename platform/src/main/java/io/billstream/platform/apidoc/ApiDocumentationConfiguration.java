package io.billstream.platform.apidoc;

import io.billstream.platform.security.Caller;
import io.swagger.v3.oas.models.media.StringSchema;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI 3.1 document every service serves at {@code /v3/api-docs}. */
@Configuration(proxyBeanMethods = false)
public class ApiDocumentationConfiguration {

    static {
        SpringDocUtils.getConfig()
                // The verified caller comes from the token, never from the request's parameters.
                .addRequestWrapperToIgnore(Caller.class)
                // On the wire a currency is its ISO 4217 code, such as "EUR", not a Java object.
                .replaceWithSchema(
                        Currency.class,
                        new StringSchema()
                                .pattern("^[A-Z]{3}$")
                                .description("ISO 4217 currency code")
                                .example("EUR"));
    }

    @Bean
    OpenApiCustomizer contractExamples() {
        return new ContractExamples();
    }

    @Bean
    OpenApiCustomizer wireDescription(
            @Value("${spring.application.name}") String serviceName,
            @Value("${info.service.purpose:}") String purpose,
            @Value("${billstream.security.open-paths:}") List<String> serviceOpenPaths,
            ObjectProvider<BuildProperties> build) {
        List<String> openPaths = new ArrayList<>(serviceOpenPaths);
        BuildProperties properties = build.getIfAvailable();
        return new WireDescription(
                serviceName, properties == null ? "0.1.0" : properties.getVersion(), purpose, openPaths);
    }
}
