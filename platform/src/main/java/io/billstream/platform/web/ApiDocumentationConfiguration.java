package io.billstream.platform.web;

import io.swagger.v3.oas.models.servers.Server;
import java.util.List;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class ApiDocumentationConfiguration {

    @Bean
    OpenApiCustomizer contractExamples() {
        return new ContractExamples();
    }

    /**
     * The API's server is "/": relative to wherever the document was fetched from. Read through the gateway's Swagger
     * UI, calls go to the gateway (which routes them and checks the key); read at the service, to the service. The
     * address springdoc would work out from the request is the service's own, which no merchant can reach.
     */
    @Bean
    OpenApiCustomizer relativeServer() {
        return openApi -> openApi.setServers(List.of(new Server().url("/")));
    }
}
