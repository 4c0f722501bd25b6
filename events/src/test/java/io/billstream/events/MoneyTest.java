package io.billstream.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.DatabindException;

class MoneyTest {

    @Test
    void majorUnitsFollowTheCurrencysIso4217Exponent() {
        assertThat(Money.ofMajor(new BigDecimal("19.99"), "EUR")).isEqualTo(Money.of(1999, "EUR"));
        assertThat(Money.ofMajor(new BigDecimal("1999"), "JPY")).isEqualTo(Money.of(1999, "JPY"));
        assertThat(Money.ofMajor(new BigDecimal("1.999"), "BHD")).isEqualTo(Money.of(1999, "BHD"));
        assertThat(Money.of(1999, "BHD").toMajor()).isEqualByComparingTo("1.999");
        assertThat(Money.of(1999, "JPY").exponent()).isZero();
    }

    @Test
    void moreDecimalsThanTheCurrencyHasAreRefusedNotRounded() {
        assertThatThrownBy(() -> Money.ofMajor(new BigDecimal("19.999"), "EUR")).hasMessageContaining("EUR allows 2");
        assertThatThrownBy(() -> Money.ofMajor(new BigDecimal("1.5"), "JPY")).hasMessageContaining("JPY allows 0");
        assertThat(Money.ofMajor(new BigDecimal("19.990"), "EUR")).isEqualTo(Money.of(1999, "EUR"));
    }

    @Test
    void unknownCurrenciesAndCurrenciesWithoutMinorUnitsAreRefused() {
        assertThatThrownBy(() -> Money.of(100, "EURO")).hasMessageContaining("unknown ISO 4217 currency 'EURO'");
        assertThatThrownBy(() -> Money.of(100, "XXX")).hasMessageContaining("has no minor unit");
    }

    @Test
    void negativeAmountsAreRefused() {
        assertThatThrownBy(() -> Money.of(-1, "EUR")).hasMessageContaining("must not be negative");
    }

    @Test
    void arithmeticStaysInOneCurrency() {
        assertThat(Money.of(1999, "EUR").plus(Money.of(1, "EUR"))).isEqualTo(Money.of(2000, "EUR"));
        assertThat(Money.of(2000, "EUR").minus(Money.of(1, "EUR"))).isEqualTo(Money.of(1999, "EUR"));
        assertThatThrownBy(() -> Money.of(1, "EUR").plus(Money.of(1, "USD"))).hasMessageContaining("EUR with USD");
        assertThatThrownBy(() -> Money.of(1, "EUR").minus(Money.of(2, "EUR"))).hasMessageContaining("negative");
    }

    @Test
    void jsonIsMinorUnitsAndTheCurrencyCode() {
        assertThat(new String(EventJson.write(Money.of(1999, "EUR"))))
                .isEqualTo("{\"amount\":1999,\"currency\":\"EUR\"}");
        assertThat(EventJson.read("{\"amount\":1999,\"currency\":\"BHD\"}".getBytes(), Money.class))
                .isEqualTo(Money.of(1999, "BHD"));
    }

    @Test
    void fractionalMinorUnitsInJsonAreRefused() {
        assertThatThrownBy(() -> EventJson.read("{\"amount\":19.99,\"currency\":\"EUR\"}".getBytes(), Money.class))
                .isInstanceOf(DatabindException.class);
    }

    @Test
    void toStringShowsMajorUnits() {
        assertThat(Money.of(5, "EUR")).hasToString("0.05 EUR");
        assertThat(Money.of(5, "JPY")).hasToString("5 JPY");
    }
}
