package io.billstream.events.customer;

import io.billstream.events.Address;
import io.billstream.events.OptionalField;

/**
 * A customer's contact details.
 *
 * @param phone in E.164 form, such as {@code +4915123456789}; SMS go here
 * @param locale the customer's language: {@code en}, {@code de}, {@code fr} or {@code es}
 * @param reference the merchant's own reference for the customer
 */
public record CustomerDetails(
        String name,
        String email,
        @OptionalField String phone,
        String locale,
        @OptionalField Address billingAddress,
        @OptionalField String reference) {}
