package io.billstream.order.customer.web;

import io.billstream.events.Address;
import io.billstream.events.customer.CustomerDetails;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** A customer's details as the API takes them, with the rules they must meet. */
record CustomerRequest(
        @NotBlank @Size(max = 200) @Schema(example = "Anna Schmidt")
        String name,

        @NotBlank @Email @Size(max = 320) @Schema(example = "anna@example.com")
        String email,

        @Pattern(regexp = "\\+[1-9][0-9]{6,14}", message = "must be an E.164 number such as +4915123456789")
        @Schema(example = "+4915123456789")
        String phone,

        @NotBlank @Pattern(regexp = "en|de|fr|es", message = "must be one of en, de, fr, es") @Schema(example = "de")
        String locale,

        @Valid AddressRequest billingAddress,

        @Size(min = 1, max = 100) @Schema(example = "CUST-1042")
        String reference) {

    record AddressRequest(
            @NotBlank @Size(max = 200) @Schema(example = "Lindenallee 5")
            String line1,

            @Size(max = 200) @Schema(example = "3. OG") String line2,

            @NotBlank @Size(max = 20) @Schema(example = "10115")
            String postalCode,

            @NotBlank @Size(max = 100) @Schema(example = "Berlin")
            String city,

            @Size(max = 100) @Schema(example = "Berlin") String region,
            @NotBlank @IsoCountry @Schema(example = "DE") String country) {}

    CustomerDetails details() {
        return new CustomerDetails(
                name.strip(),
                email.strip(),
                phone,
                locale,
                billingAddress == null
                        ? null
                        : new Address(
                                billingAddress.line1(),
                                billingAddress.line2(),
                                billingAddress.postalCode(),
                                billingAddress.city(),
                                billingAddress.region(),
                                billingAddress.country()),
                reference);
    }
}
