package io.billstream.events;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.math.BigDecimal;
import java.util.Currency;
import java.util.Objects;

/**
 * An amount of money in minor units of an ISO 4217 currency: {@code {"amount": 1999, "currency": "EUR"}} is
 * EUR 19.99, {@code {"amount": 1999, "currency": "JPY"}} is JPY 1,999 and {@code {"amount": 1999, "currency": "BHD"}}
 * is BHD 1.999. Amounts are never negative: a refund or a credit is its own kind of record, not a negative payment.
 */
public record Money(long amount, Currency currency) implements Comparable<Money> {

    /**
     * The largest amount of an order, a billing event or a usage record, in minor units: ten billion in major units of
     * a two-decimal currency, far above any purchase and far below where sums of amounts could overflow.
     */
    public static final long LARGEST = 1_000_000_000_000L;

    public Money {
        Objects.requireNonNull(currency, "currency");
        if (currency.getDefaultFractionDigits() < 0) {
            throw new IllegalArgumentException(
                    "currency " + currency.getCurrencyCode() + " has no minor unit and cannot be used for payments");
        }
        if (amount < 0) {
            throw new IllegalArgumentException("amount must not be negative, was " + amount);
        }
    }

    public static Money of(long minorUnits, String currencyCode) {
        return new Money(minorUnits, currency(currencyCode));
    }

    public static Money zero(Currency currency) {
        return new Money(0, currency);
    }

    /**
     * Reads an amount in major units, such as {@code 19.99} EUR. More decimals than the currency's ISO 4217 exponent
     * are refused rather than rounded: {@code 19.999} EUR and {@code 1.5} JPY are errors, {@code 1.999} BHD is not.
     */
    public static Money ofMajor(BigDecimal majorUnits, String currencyCode) {
        Currency currency = currency(currencyCode);
        int exponent = currency.getDefaultFractionDigits();
        BigDecimal normalised = majorUnits.stripTrailingZeros();
        if (normalised.scale() > exponent) {
            throw new IllegalArgumentException("%s has %d decimal places but %s allows %d"
                    .formatted(majorUnits.toPlainString(), normalised.scale(), currencyCode, exponent));
        }
        return new Money(majorUnits.movePointRight(exponent).longValueExact(), currency);
    }

    /** The currency's ISO 4217 exponent: 2 for EUR, 0 for JPY, 3 for BHD. */
    public int exponent() {
        return currency.getDefaultFractionDigits();
    }

    public BigDecimal toMajor() {
        return BigDecimal.valueOf(amount, exponent());
    }

    @JsonIgnore // derived, not part of the wire format
    public boolean isZero() {
        return amount == 0;
    }

    public Money plus(Money other) {
        requireSameCurrency(other);
        return new Money(Math.addExact(amount, other.amount), currency);
    }

    public Money minus(Money other) {
        requireSameCurrency(other);
        return new Money(Math.subtractExact(amount, other.amount), currency);
    }

    @Override
    public int compareTo(Money other) {
        requireSameCurrency(other);
        return Long.compare(amount, other.amount);
    }

    @Override
    public String toString() {
        return toMajor().toPlainString() + " " + currency.getCurrencyCode();
    }

    private void requireSameCurrency(Money other) {
        if (!currency.equals(other.currency)) {
            throw new IllegalArgumentException(
                    "cannot combine " + currency.getCurrencyCode() + " with " + other.currency.getCurrencyCode());
        }
    }

    private static Currency currency(String code) {
        Objects.requireNonNull(code, "currency");
        try {
            return Currency.getInstance(code);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown ISO 4217 currency '" + code + "'", e);
        }
    }
}
