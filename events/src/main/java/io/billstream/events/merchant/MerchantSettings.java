package io.billstream.events.merchant;

import io.billstream.events.OptionalField;

/**
 * Everything a merchant configures.
 *
 * @param defaultLocale the language customers see unless they choose another: {@code en}, {@code de}, {@code fr} or
 *     {@code es}
 * @param timeZone the IANA time zone in which billing events are collected and dates are shown
 * @param invoicePrefix the prefix of the merchant's document numbers, such as {@code INV}
 * @param tax the rate documents show as contained in every amount; absent when the merchant charges no tax
 */
public record MerchantSettings(
        CompanyDetails company,
        Branding branding,
        String defaultLocale,
        String timeZone,
        RetryPolicy retryPolicy,
        NotificationSettings notifications,
        PortalOptions portal,
        String invoicePrefix,
        @OptionalField TaxRate tax) {}
