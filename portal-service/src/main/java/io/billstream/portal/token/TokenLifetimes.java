package io.billstream.portal.token;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How long internal tokens live. A merchant's token lives a minute, so that a revoked API key stops working within a
 * minute even where a token got from it is cached; customers' and services' tokens live five minutes.
 */
@ConfigurationProperties("billstream.portal.tokens")
public record TokenLifetimes(Duration merchant, Duration customer, Duration service) {

    public TokenLifetimes {
        merchant = merchant == null ? Duration.ofMinutes(1) : merchant;
        customer = customer == null ? Duration.ofMinutes(5) : customer;
        service = service == null ? Duration.ofMinutes(5) : service;
    }

    Duration longest() {
        Duration longest = merchant.compareTo(customer) > 0 ? merchant : customer;
        return longest.compareTo(service) > 0 ? longest : service;
    }
}
