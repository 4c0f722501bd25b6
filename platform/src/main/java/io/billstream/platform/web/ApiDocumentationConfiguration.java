package io.billstream.platform.web;

import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class ApiDocumentationConfiguration {

    @Bean
    OpenApiCustomizer contractExamples() {
        return new ContractExamples();
    }
}
