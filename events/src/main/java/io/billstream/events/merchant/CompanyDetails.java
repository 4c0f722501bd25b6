package io.billstream.events.merchant;

import io.billstream.events.Address;
import io.billstream.events.OptionalField;

/** The merchant's legal identity, printed on documents and shown in the portal. */
public record CompanyDetails(
        String legalName,
        Address address,
        @OptionalField String vatId,
        @OptionalField String email,
        @OptionalField String phone) {}
