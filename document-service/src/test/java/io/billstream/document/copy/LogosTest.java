package io.billstream.document.copy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A merchant's logo URL never makes the service fetch from its own network, nor over plain http. */
class LogosTest {

    private final Logos production = new Logos(false);

    @Test
    void localAndPrivateAddressesAreRefusedBeforeAnythingIsFetched() {
        assertThat(production.fetch("https://localhost/logo.png")).isEmpty();
        assertThat(production.fetch("https://127.0.0.1/logo.png")).isEmpty();
        assertThat(production.fetch("https://10.0.0.7/logo.png")).isEmpty();
        assertThat(production.fetch("https://192.168.1.20/logo.png")).isEmpty();
        assertThat(production.fetch("https://169.254.169.254/latest/meta-data")).isEmpty();
        assertThat(production.fetch("https://[::1]/logo.png")).isEmpty();
    }

    @Test
    void plainHttpAndNoUrlFetchNothing() {
        assertThat(production.fetch("http://203.0.113.10/logo.png")).isEmpty();
        assertThat(production.fetch(null)).isEmpty();
    }
}
