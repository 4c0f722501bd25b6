package io.billstream.portal.token;

import io.billstream.platform.security.ServiceTokens;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** portal-service issues tokens: it signs its own service token rather than exchange a credential for one. */
@Configuration(proxyBeanMethods = false)
class ServiceTokenConfiguration {

    static final String SELF = "portal-service";

    @Bean
    ServiceTokens serviceTokens(TokenIssuer issuer) {
        return () -> issuer.service(SELF).token();
    }
}
