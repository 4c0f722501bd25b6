package io.billstream.events;

/** A postal address; {@code country} is an ISO 3166-1 alpha-2 code. */
public record Address(
        String line1,
        @OptionalField String line2,
        String postalCode,
        String city,
        @OptionalField String region,
        String country) {}
